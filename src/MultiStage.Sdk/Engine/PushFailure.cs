using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Engine;

/// <summary>Turns the engine's words for a failed push into the coded error a user can act on.</summary>
internal static class PushFailure
{
    private static readonly string[] Untrusted = ["x509:", "certificate signed by unknown authority", "certificate is not valid", "certificate is valid for"];

    private static readonly string[] Refused = ["unauthorized", "authentication required", "no basic auth credentials", "incorrect username or password", "denied:"];

    private static readonly string[] Unreachable = ["connection refused", "no such host", "i/o timeout", "no route to host", "network is unreachable", "connection reset", "server gave HTTP response to HTTPS client", "dial tcp", "TLS handshake timeout"];

    /// <summary>The diagnostic for pushing <paramref name="reference"/> to <paramref name="registry"/> with credentials from <paramref name="credentials"/>, which failed with <paramref name="message"/>.</summary>
    public static Diagnostic Classify(string registry, string reference, RegistryCredentials credentials, string message)
    {
        var reason = message.Trim().TrimEnd('.');
        return Any(reason, Untrusted) ? Diagnostics.RegistryCertificateUntrusted(registry, reason)
            : Any(reason, Refused) ? Diagnostics.RegistryAuthenticationFailed(registry, credentials.IsEmpty ? "none found (no credentials were sent)" : credentials.Source, reason)
            : Any(reason, Unreachable) ? Diagnostics.RegistryUnreachable(registry, reason)
            : Diagnostics.PushFailed(reference, reason);
    }

    private static bool Any(string text, string[] words) => words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
}
