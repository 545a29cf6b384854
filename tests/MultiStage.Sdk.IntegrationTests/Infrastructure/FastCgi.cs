using System.Diagnostics;

namespace MultiStage.Sdk.IntegrationTests.Infrastructure;

/// <summary>A FastCGI answer: the headers the script sent, its body, and what the client printed on stderr.</summary>
internal sealed record FastCgiAnswer(int ExitCode, string Headers, string Body, string Error)
{
    /// <summary>Gets the HTTP status the script set (200 when it set none).</summary>
    public int Status => Headers.Split('\n')
        .Select(l => l.Trim())
        .Where(l => l.StartsWith("Status:", StringComparison.OrdinalIgnoreCase))
        .Select(l => int.Parse(l["Status:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
        .DefaultIfEmpty(200)
        .First();

    public override string ToString() => $"exit {ExitCode}\n{Headers}\n\n{Body}\n{Error}";
}

/// <summary>Talks FastCGI to PHP-FPM the way a web server in front of it would, with <c>cgi-fcgi</c> (Debian's libfcgi-bin).</summary>
internal static class FastCgi
{
    /// <summary>
    /// Sends one request with <paramref name="parameters"/> (SCRIPT_FILENAME, REQUEST_METHOD, …) to
    /// <paramref name="address"/> and returns the answer, trying again while nothing answers there
    /// (30 s at most, less once <paramref name="stillRunning"/> says the server is gone).
    /// </summary>
    public static async Task<FastCgiAnswer> RequestAsync(string address, IReadOnlyDictionary<string, string> parameters, Func<Task<bool>> stillRunning)
    {
        var client = FindClient();
        FastCgiAnswer? last = null;
        for (var attempt = 0; attempt < 60; attempt++)
        {
            last = await RunAsync(client, address, parameters);
            if (last.ExitCode == 0 && (last.Headers.Length > 0 || last.Body.Length > 0))
            {
                return last;
            }

            if (!await stillRunning())
            {
                break;
            }

            await Task.Delay(500);
        }

        return last!;
    }

    private static string FindClient()
    {
        var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "cgi-fcgi"))
            .FirstOrDefault(File.Exists);
        Assert.That(found, Is.Not.Null, "cgi-fcgi is not installed: it comes with Debian's libfcgi-bin, which eng/test.sh installs (apt-get install libfcgi-bin).");
        return found!;
    }

    private static async Task<FastCgiAnswer> RunAsync(string client, string address, IReadOnlyDictionary<string, string> parameters)
    {
        var start = new ProcessStartInfo(client)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-bind");
        start.ArgumentList.Add("-connect");
        start.ArgumentList.Add(address);

        // cgi-fcgi sends its whole environment as the request's parameters: only these, then.
        start.Environment.Clear();
        foreach (var (key, value) in parameters)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new FastCgiAnswer(-1, "", "", $"cgi-fcgi got no answer from {address} in 10 s");
        }

        var output = (await stdout).Replace("\r\n", "\n", StringComparison.Ordinal);
        var split = output.IndexOf("\n\n", StringComparison.Ordinal);
        return split < 0
            ? new FastCgiAnswer(process.ExitCode, output, "", await stderr)
            : new FastCgiAnswer(process.ExitCode, output[..split], output[(split + 2)..], await stderr);
    }
}
