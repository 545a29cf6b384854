namespace MultiStage.Sdk.Engine;

/// <summary>
/// Credentials that could not be read: a config.json that is not valid, a credential helper missing or
/// failing. The message names the place and the problem, never a value read from it.
/// </summary>
internal sealed class CredentialReadException(string source, string reason) : Exception($"{source}: {reason}")
{
    /// <summary>Gets the file or helper that could not be read.</summary>
    public string Place { get; } = source;

    /// <summary>Gets what was wrong with it.</summary>
    public string Reason { get; } = reason;
}
