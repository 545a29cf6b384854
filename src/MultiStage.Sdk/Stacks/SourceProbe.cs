namespace MultiStage.Sdk.Stacks;

/// <summary>
/// Asks a remote NuGet source for its service index with no credentials, as the builder's restore would:
/// a source behind a credential provider (or any that refuses anonymous reads) answers 401 or 403 here,
/// and its packages are then carried into the context instead.
/// </summary>
public static class SourceProbe
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Returns whether <paramref name="source"/> answers an anonymous GET with a success status.</summary>
    public static bool AnswersAnonymously(string source)
    {
        // No credentials and no cookies: what the builder has. Proxies come from the environment, as NuGet's do.
        using var handler = new HttpClientHandler { UseDefaultCredentials = false, UseCookies = false, AllowAutoRedirect = true };
        using var client = new HttpClient(handler) { Timeout = Timeout };
        try
        {
            using var response = client.GetAsync(source, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            return false; // Not reachable from here either: its packages, already on this machine, are carried.
        }
    }
}
