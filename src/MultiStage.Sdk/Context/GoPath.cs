namespace MultiStage.Sdk.Context;

/// <summary>Lexical path cleaning with the rules of Go's <c>path/filepath.Clean</c> on a slash-separated path.</summary>
internal static class GoPath
{
    /// <summary>
    /// Collapses repeated slashes, drops <c>.</c> segments, resolves <c>..</c> against the segment before it
    /// (dropping it at the root of a rooted path) and removes a trailing slash. An empty result is <c>.</c>.
    /// </summary>
    public static string Clean(string path)
    {
        if (IsClean(path))
        {
            return path;
        }

        bool rooted = path.StartsWith('/');
        var kept = new List<string>();
        foreach (string segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment != "..")
            {
                kept.Add(segment);
            }
            else if (kept.Count > 0 && kept[^1] != "..")
            {
                kept.RemoveAt(kept.Count - 1);
            }
            else if (!rooted)
            {
                kept.Add(segment);
            }
        }

        string joined = string.Join('/', kept);
        return rooted ? "/" + joined : joined.Length == 0 ? "." : joined;
    }

    // A relative path of non-empty segments, none of them "." or "..": what a walker hands in.
    private static bool IsClean(string path)
    {
        if (path.Length == 0)
        {
            return false;
        }

        int start = 0;
        while (start <= path.Length)
        {
            int end = path.IndexOf('/', start);
            if (end < 0)
            {
                end = path.Length;
            }

            ReadOnlySpan<char> segment = path.AsSpan(start, end - start);
            if (segment.Length == 0 || segment is "." || segment is "..")
            {
                return false;
            }

            start = end + 1;
        }

        return true;
    }
}
