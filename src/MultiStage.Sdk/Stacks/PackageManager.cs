using System.Text.RegularExpressions;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>
/// The runtime image's package manager, which installs ContainerOsPackage items: apt on Debian and
/// Ubuntu images (the .NET, Node and PHP defaults), apk on Alpine ones. Chiseled and distroless images
/// have none, and no shell either.
/// </summary>
/// <param name="Name">The name templates and ContainerOsPackageManager use: <c>apt</c> or <c>apk</c>.</param>
/// <param name="NamePattern">The characters a package name may have, so no name reaches the shell as anything but a word.</param>
public sealed partial record PackageManager(string Name, Regex NamePattern)
{
    /// <summary>Gets Debian's and Ubuntu's apt; names follow Debian policy (lower case, digits, <c>+ - .</c>).</summary>
    public static PackageManager Apt { get; } = new("apt", AptName());

    /// <summary>Gets Alpine's apk; names may also have upper case and <c>_</c>.</summary>
    public static PackageManager Apk { get; } = new("apk", ApkName());

    /// <summary>
    /// Chooses the package manager of <paramref name="runtimeImage"/>: the one requested
    /// (ContainerOsPackageManager), else by the image's name — none for <c>scratch</c>, chiseled and
    /// distroless images, apk when it names alpine, apt otherwise (what an unknown image most often has).
    /// </summary>
    /// <returns>The package manager, or null when the image has none (and so no shell).</returns>
    public static PackageManager? For(string runtimeImage, string? requested)
    {
        if (!string.IsNullOrWhiteSpace(requested))
        {
            return requested.Trim().ToLowerInvariant() switch
            {
                "apt" => Apt,
                "apk" => Apk,
                _ => throw new MultiStageException(Diagnostics.UnknownOsPackageManager(requested)),
            };
        }

        var name = runtimeImage.Split('@')[0].ToLowerInvariant();
        return name == "scratch" || name.Contains("chiseled", StringComparison.Ordinal) || name.Contains("distroless", StringComparison.Ordinal) ? null
            : name.Contains("alpine", StringComparison.Ordinal) ? Apk
            : Apt;
    }

    /// <summary>Returns the package as this manager's install command takes it (<c>name</c> or <c>name=version</c>); throws MSTAGE1023 when it is not a valid name or version.</summary>
    public string Spec(OsPackage package)
    {
        var version = string.IsNullOrWhiteSpace(package.Version) ? null : package.Version.Trim();
        var spec = version is null ? package.Name.Trim() : $"{package.Name.Trim()}={version}";
        return NamePattern.IsMatch(package.Name.Trim()) && (version is null || VersionPattern().IsMatch(version))
            ? spec
            : throw new MultiStageException(Diagnostics.InvalidOsPackage(spec, Name));
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9+.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex AptName();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_+.-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex ApkName();

    /// <summary>Debian versions (epoch, upstream, revision: digits, letters, <c>. + ~ : -</c>) and apk's (<c>1.2.3-r0</c>).</summary>
    [GeneratedRegex(@"^[0-9][A-Za-z0-9.+~:_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}

/// <summary>A ContainerOsPackage item: <c>Include="tzdata"</c>, optional <c>Version="2024a-0+deb12u1"</c>.</summary>
/// <param name="Name">The package's name.</param>
/// <param name="Version">The version to pin, or null for the newest.</param>
public sealed record OsPackage(string Name, string? Version = null);
