using MultiStage.Sdk.Pipeline;

namespace MultiStage.Sdk.Tests.Pipeline;

public class BuildArgumentsTests
{
    private static readonly Dictionary<string, string> Environment = new() { ["NPM_TOKEN"] = "from-the-environment" };

    [Test]
    public void A_value_wins_the_last_one_given_counts_and_one_without_takes_the_environment_or_is_left_out()
    {
        var resolved = BuildArguments.Resolve(
            [("VERSION", "1"), (" VERSION ", "2"), ("NPM_TOKEN", ""), ("UNSET", null)],
            name => Environment.GetValueOrDefault(name));

        Assert.That(resolved, Is.EquivalentTo(new Dictionary<string, string> { ["VERSION"] = "2", ["NPM_TOKEN"] = "from-the-environment" }));
    }
}
