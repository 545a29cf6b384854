using System.Globalization;
using Microsoft.Build.Framework;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tasks;

/// <summary>Logs the table a whole solution's publish ends with (Sdk/Solution.targets).</summary>
public sealed class WriteMultiStageSolutionSummary : MultiStageTask
{
    /// <summary>Gets or sets the projects' MultiStageImage items, each with its Project metadata.</summary>
    public ITaskItem[] Rows { get; set; } = [];

    /// <summary>Gets or sets the solution's name, for the heading.</summary>
    public string SolutionName { get; set; } = "";

    /// <inheritdoc />
    protected override Task ExecuteCoreAsync(CancellationToken cancellationToken)
    {
        var rows = Rows.Select(r => new SolutionRow(
            r.GetMetadata("Project"),
            r.ItemSpec,
            long.TryParse(r.GetMetadata("Size"), NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? size : 0,
            r.GetMetadata("Digest")));
        foreach (var line in SolutionSummary.Format(SolutionName, rows))
        {
            Log.LogMessage(MessageImportance.High, "{0}", line);
        }

        return Task.CompletedTask;
    }
}
