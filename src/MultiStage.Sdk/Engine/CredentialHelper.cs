using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json;

namespace MultiStage.Sdk.Engine;

/// <summary>
/// A docker credential helper, <c>docker-credential-&lt;name&gt;</c> on PATH, run as the docker CLI runs it:
/// <c>get</c> with the server address on stdin, <c>{"Username": …, "Secret": …}</c> on stdout. The username
/// <c>&lt;token&gt;</c> means the secret is an identity token. The helper's output is never logged.
/// </summary>
internal static class CredentialHelper
{
    private const string Prefix = "docker-credential-";

    // What helpers print when they have nothing for the address (docker-credential-helpers' errCredentialsNotFound).
    private const string NotFound = "credentials not found in native keychain";

    /// <summary>Returns whether <c>docker-credential-<paramref name="name"/></c> is on PATH.</summary>
    public static bool IsOnPath(string name, Func<string, string?> environment) => Find(Prefix + name, environment) is not null;

    /// <summary>Returns the first <paramref name="program"/> in the PATH folders (with <c>.exe</c> on Windows), or null.</summary>
    public static string? Find(string program, Func<string, string?> environment) =>
        (environment("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, OperatingSystem.IsWindows() ? program + ".exe" : program))
            .FirstOrDefault(File.Exists);

    /// <summary>Asks the helper for <paramref name="serverAddress"/>'s credentials; empty when it has none; <see cref="CredentialReadException"/> when it fails.</summary>
    public static async Task<RegistryCredentials> GetAsync(string name, string serverAddress, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var program = Prefix + name;
        var source = $"the credential helper {program}";
        var start = new ProcessStartInfo(Find(program, environment) ?? program, "get")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception();
        }
        catch (Win32Exception)
        {
            throw new CredentialReadException(source, $"{program} was not found on PATH");
        }

        using (process)
        {
            using var stop = cancellationToken.Register(() => Kill(process));
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.StandardInput.WriteAsync(serverAddress).ConfigureAwait(false);
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The helper ended without reading its input: its exit code says why.
            }

            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            var output = (await stdout.ConfigureAwait(false)).Trim();
            _ = await stderr.ConfigureAwait(false);

            if (process.ExitCode != 0)
            {
                // Like the CLI: "not found" means no credentials; anything else fails the lookup. A failing
                // helper's output is an error text, but it is not quoted either: a broken helper may print a secret.
                return output.Contains(NotFound, StringComparison.Ordinal)
                    ? new RegistryCredentials(null, null, null, null, source)
                    : throw new CredentialReadException(source, $"'{program} get' exited with code {process.ExitCode}");
            }

            return Parse(output, serverAddress, source);
        }
    }

    /// <summary>Reads a helper's answer; <c>&lt;token&gt;</c> as the username makes the secret an identity token.</summary>
    internal static RegistryCredentials Parse(string output, string serverAddress, string source)
    {
        try
        {
            using var json = JsonDocument.Parse(output);
            var username = Text(json.RootElement, "Username");
            var secret = Text(json.RootElement, "Secret");
            return username == "<token>"
                ? new RegistryCredentials(null, null, secret, null, source)
                : new RegistryCredentials(username, secret, null, null, source);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new CredentialReadException(source, "its answer to 'get' is not a JSON object with Username and Secret");
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already ended.
        }
    }
}
