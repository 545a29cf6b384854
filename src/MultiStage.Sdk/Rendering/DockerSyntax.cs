using System.Text;
using System.Text.Json;
using Scriban.Runtime;

namespace MultiStage.Sdk.Rendering;

/// <summary>
/// Template functions that write values the way a Dockerfile reads them, so templates never
/// hand-quote: <c>{{ value | docker.quote }}</c>, <c>{{ list | docker.exec_form }}</c>.
/// </summary>
public static class DockerSyntax
{
    /// <summary>Gets the functions as the <c>docker</c> object templates see.</summary>
    internal static ScriptObject Functions { get; } = Create();

    /// <summary>A double-quoted Dockerfile word: <c>"</c>, <c>\</c> and <c>$</c> escaped, so ENV and LABEL keep the value as given.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\' or '$')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.Append('"').ToString();
    }

    /// <summary>The exec form (a JSON array), as ENTRYPOINT, CMD, RUN and COPY take it: <c>["dotnet", "app.dll"]</c>.</summary>
    public static string ExecForm(IEnumerable<object> arguments) =>
        "[" + string.Join(", ", arguments.Select(a => JsonSerializer.Serialize(Convert.ToString(a, System.Globalization.CultureInfo.InvariantCulture)))) + "]";

    private static ScriptObject Create()
    {
        var functions = new ScriptObject();
        functions.Import(typeof(DockerSyntax), renamer: StandardMemberRenamer.Default);
        return functions;
    }
}
