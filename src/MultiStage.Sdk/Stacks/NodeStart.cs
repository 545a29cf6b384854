using System.Text.RegularExpressions;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Stacks;

/// <summary>How the final image starts the app, and the files that start reaches.</summary>
/// <param name="Entrypoint">The ENTRYPOINT, in exec form.</param>
/// <param name="EntryFiles">The scripts <c>node</c> is given (<c>dist/main</c>), relative to the app: the build output the final stage needs.</param>
internal sealed record NodeStartCommand(IReadOnlyList<string> Entrypoint, IReadOnlyList<string> EntryFiles);

/// <summary>
/// Chooses a start command that works with production dependencies only: the <c>start:prod</c> script,
/// else a <c>start</c> script that is a plain <c>node …</c>, else <c>main</c>, else a framework's own
/// production server (<c>next start</c>, …) whose package is a dependency, else the <c>start</c> script
/// through the package manager. Plain commands run directly, so signals reach node. A script that
/// runs a command of a devDependency is MSTAGE1034, since the final image does not install it.
/// </summary>
internal static partial class NodeStart
{
    /// <summary>Frameworks' production servers, run directly when their package is a dependency: the command, and the first argument it needs (null: any).</summary>
    private static readonly Dictionary<string, string?> FrameworkServers = new(StringComparer.Ordinal)
    {
        ["next"] = "start",
        ["nuxt"] = "start",
        ["remix-serve"] = null,
        ["react-router-serve"] = null,
        ["strapi"] = "start",
        ["keystone"] = "start",
        ["serve"] = null,
    };

    /// <summary>Commands that set variables and run the rest of the line (<c>cross-env PORT=1 node a.js</c>).</summary>
    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal) { "cross-env", "env" };

    /// <summary>node's options that load a module before the app (<c>-r ts-node/register</c>).</summary>
    private static readonly HashSet<string> PreloadOptions = new(StringComparer.Ordinal) { "-r", "--require", "--import", "--loader", "--experimental-loader" };

    /// <summary>Chooses the start; <paramref name="runner"/> runs a script in the final image (<c>npm run</c>).</summary>
    /// <exception cref="MultiStageException">MSTAGE1034 when the chosen script needs a devDependency; MSTAGE1014 when there is nothing to start.</exception>
    public static NodeStartCommand Choose(NodePackage package, string runner, string workingDirectory)
    {
        if (package.Script("start:prod") is { } prod)
        {
            RequireProductionCommands(package, "start:prod", prod);
            return Direct(prod, package, workingDirectory) ?? Through(runner, "start:prod", package);
        }

        var start = package.Script("start");
        if (start is not null && Plain(start) is [NodeCommand, ..])
        {
            RequireProductionCommands(package, "start", start);
            return Direct(start, package, workingDirectory)!;
        }

        if (package.Main is { } main)
        {
            return new(["node", main], [main]);
        }

        if (start is null)
        {
            throw new MultiStageException(Diagnostics.NodeStartUnknown(package.Path));
        }

        RequireProductionCommands(package, "start", start);
        return Direct(start, package, workingDirectory) ?? Through(runner, "start", package);
    }

    /// <summary>
    /// The script as the entrypoint itself, when it is one plain command the image can run without a shell:
    /// <c>node …</c>, or a framework's production server from a dependency, by its path in node_modules/.bin.
    /// </summary>
    private static NodeStartCommand? Direct(string script, NodePackage package, string workingDirectory) => Plain(script) switch
    {
        [NodeCommand, ..] node => new(node, EntryFiles(script, package.Main)),
        [var command, .. var rest] when FrameworkServers.TryGetValue(command, out var argument)
            && (argument is null || (rest.Length > 0 && rest[0] == argument))
            && NodeBinaries.PackageOf(command, package) is { } server && package.Dependencies.Contains(server)
            => new([$"{workingDirectory.TrimEnd('/')}/node_modules/.bin/{command}", .. rest], []),
        _ => null,
    };

    private static NodeStartCommand Through(string runner, string script, NodePackage package) =>
        new([.. runner.Split(' '), script], EntryFiles(package.Script(script)!, package.Main));

    /// <summary>The files given to <c>node</c> in a script (the first argument that is not an option), for example <c>dist/main</c>; <c>node .</c> runs <paramref name="main"/>.</summary>
    public static IReadOnlyList<string> EntryFiles(string script, string? main) =>
        [.. Commands(script).Where(c => c is [NodeCommand, ..]).Select(ScriptOf).OfType<string>().Select(f => f is "." or "./" ? main : f).OfType<string>()];

    private const string NodeCommand = "node";

    /// <summary>Fails when a command of the script (or of a script it runs) comes from a devDependency.</summary>
    private static void RequireProductionCommands(NodePackage package, string scriptName, string script, HashSet<string>? seen = null)
    {
        seen ??= new HashSet<string>(StringComparer.Ordinal);
        if (!seen.Add(scriptName))
        {
            return;
        }

        foreach (var words in Commands(script))
        {
            if (RunsScript(words) is { } other && package.Script(other) is { } body)
            {
                RequireProductionCommands(package, other, body, seen);
                continue;
            }

            var (command, needed) = NeededPackage(words, package);
            if (needed is not null && package.IsDevOnly(needed))
            {
                throw new MultiStageException(Diagnostics.NodeStartNeedsDevDependency(package.Path, scriptName, script, command, needed));
            }
        }
    }

    /// <summary>The command a script line runs and the app's package it needs: its program's, or a module node preloads.</summary>
    private static (string Command, string? Package) NeededPackage(string[] words, NodePackage package)
    {
        var program = words[0] == "npx" ? words.Skip(1).FirstOrDefault(w => !w.StartsWith('-')) : words[0];
        if (program is null)
        {
            return ("npx", null);
        }

        if (program != NodeCommand)
        {
            var provider = NodeBinaries.PackageOf(program, package);
            var rest = words.Skip(1).SkipWhile(w => Assignment().IsMatch(w)).ToArray();
            return Wrappers.Contains(program) && rest.Length > 0 && (provider is null || !package.IsDevOnly(provider))
                ? NeededPackage(rest, package)
                : (program, provider);
        }

        for (var i = 1; i < words.Length; i++)
        {
            var (option, value) = words[i].Split('=', 2) is [var o, var v] ? (o, v) : (words[i], i + 1 < words.Length ? words[i + 1] : null);
            if (PreloadOptions.Contains(option) && value is not null && ModulePackage(value) is { } module && package.IsDevOnly(module))
            {
                return ($"node {option} {value}", module);
            }
        }

        return (NodeCommand, null);
    }

    /// <summary>The package of a module specifier: <c>ts-node/register</c> → ts-node, <c>@swc-node/register</c> → @swc-node/register; null for a path.</summary>
    private static string? ModulePackage(string specifier) =>
        specifier.StartsWith('.') || specifier.StartsWith('/') ? null
        : specifier.StartsWith('@') ? string.Join('/', specifier.Split('/').Take(2))
        : specifier.Split('/')[0];

    /// <summary>The script that <c>npm run x</c>, <c>yarn run x</c>, <c>yarn x</c> or <c>pnpm run x</c> runs, or null.</summary>
    private static string? RunsScript(string[] words) => words switch
    {
        ["npm" or "pnpm" or "yarn", "run" or "run-script", var script, ..] => script,
        ["yarn", var script, ..] when !script.StartsWith('-') => script,
        _ => null,
    };

    /// <summary>A script without shell syntax, as words; null when it needs a shell.</summary>
    private static string[]? Plain(string script) =>
        ShellSyntax().IsMatch(script) ? null : Words(script) is { Length: > 0 } words && !words[0].Contains('=', StringComparison.Ordinal) ? words : null;

    /// <summary>The script's simple commands, as words, with leading variable assignments (<c>NODE_ENV=production</c>) left out.</summary>
    private static IEnumerable<string[]> Commands(string script) =>
        Separators().Split(script).Select(Words).Select(w => w.SkipWhile(x => Assignment().IsMatch(x)).ToArray()).Where(w => w.Length > 0);

    private static string[] Words(string command) => command.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The first argument of <c>node</c> that is not an option (or an option's value).</summary>
    private static string? ScriptOf(string[] words)
    {
        for (var i = 1; i < words.Length; i++)
        {
            if (!words[i].StartsWith('-'))
            {
                return words[i];
            }

            if (PreloadOptions.Contains(words[i]))
            {
                i++;
            }
        }

        return null;
    }

    [GeneratedRegex(@"[&|;$<>`""'()*?\\]", RegexOptions.CultureInvariant)]
    private static partial Regex ShellSyntax();

    [GeneratedRegex(@"&&|\|\||[;|&]", RegexOptions.CultureInvariant)]
    private static partial Regex Separators();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*=", RegexOptions.CultureInvariant)]
    private static partial Regex Assignment();
}
