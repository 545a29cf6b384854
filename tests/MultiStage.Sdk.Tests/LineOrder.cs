namespace MultiStage.Sdk.Tests;

/// <summary>Order checks on a rendered file's lines that fail when a line is missing, not only when two are swapped.</summary>
internal static class LineOrder
{
    /// <summary>Asserts that each of <paramref name="expected"/> is a line of <paramref name="lines"/>, in this order.</summary>
    public static void AssertInOrder(IReadOnlyList<string> lines, params string[] expected)
    {
        var previous = -1;
        foreach (var line in expected)
        {
            var index = lines.ToList().IndexOf(line);
            Assert.That(index, Is.GreaterThanOrEqualTo(0), $"no line '{line}' in:\n{string.Join('\n', lines)}");
            Assert.That(index, Is.GreaterThan(previous), $"'{line}' comes before the line expected ahead of it");
            previous = index;
        }
    }
}
