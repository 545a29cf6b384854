using System.Globalization;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tasks;

/// <summary>A <see cref="SizeReport"/> as MSBuild items: <c>MultiStageImage</c> per tag and <c>MultiStageImageLayer</c> per added layer.</summary>
internal static class ReportItems
{
    private static readonly char[] Special = ['%', '*', '?', '@', '$', '(', ')', ';', '\''];

    /// <summary>One item per tag, with the report's figures as metadata (bytes; empty when unknown).</summary>
    public static ITaskItem[] Images(SizeReport report) => [.. report.Tags.DefaultIfEmpty(report.Image).Select(tag => Item(tag, new()
    {
        ["ImageId"] = report.ImageId,
        ["Size"] = Number(report.Size),
        ["BaseImage"] = report.BaseImage,
        ["BaseSize"] = Number(report.BaseSize),
        ["AddedSize"] = Number(report.AddedSize),
        ["BuilderStage"] = report.BuilderStage,
        ["BuilderSize"] = Number(report.BuilderSize),
        ["PercentSmaller"] = Number(report.PercentSmaller),
        ["BuildFrom"] = report.BuildFrom,
        ["Builder"] = report.Builder,
    }))];

    /// <summary>A MultiStageImage item with what its push added: Registry, PushedReference (<c>registry/repository:tag@digest</c>) and Digest.</summary>
    public static ITaskItem Pushed(ITaskItem image, PushedImage pushed)
    {
        var item = new TaskItem(image);
        item.SetMetadata("Registry", pushed.Registry);
        item.SetMetadata("PushedReference", Escape($"{pushed.Registry}/{image.ItemSpec}@{pushed.Digest}"));
        item.SetMetadata("Digest", pushed.Digest);
        return item;
    }

    /// <summary>One item per layer the build added, in build order; the item is the layer's id (its index when it has none).</summary>
    public static ITaskItem[] Layers(SizeReport report) => [.. report.Layers.Select(layer => Item(layer.Id ?? Number(layer.Index), new()
    {
        ["Image"] = report.Image,
        ["Index"] = Number(layer.Index),
        ["Size"] = Number(layer.Size),
        ["Instruction"] = layer.Instruction,
    }))];

    private static TaskItem Item(string spec, Dictionary<string, string?> metadata)
    {
        var item = new TaskItem(Escape(spec));
        foreach (var (name, value) in metadata)
        {
            item.SetMetadata(name, Escape(value ?? ""));
        }

        return item;
    }

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>
    /// A TaskItem keeps its values in MSBuild's escaped form: an instruction's <c>%20</c>, <c>$(…)</c> or <c>;</c>
    /// must reach the project as written, so every character MSBuild treats specially is escaped as <c>%XX</c>.
    /// </summary>
    internal static string Escape(string value)
    {
        if (value.IndexOfAny(Special) < 0)
        {
            return value;
        }

        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            _ = Array.IndexOf(Special, c) >= 0 ? escaped.Append('%').Append(((int)c).ToString("x2", CultureInfo.InvariantCulture)) : escaped.Append(c);
        }

        return escaped.ToString();
    }
}
