using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests;

/// <summary>A .NET plan built by hand, for tests of what comes after a stack has planned; change it with <c>with</c>.</summary>
internal static class TestPlans
{
    public static StackPlan DotNet { get; } = new()
    {
        Stack = "dotnet",
        ContextDirectory = "/src",
        Variant = "test",
        BuilderImage = "mcr.microsoft.com/dotnet/sdk:10.0",
        RuntimeImage = "mcr.microsoft.com/dotnet/runtime:10.0",
        WorkingDirectory = "/app",
        User = "app",
        Entrypoint = ["app"],
        App = new DotNetApp("a.csproj", "a", "Release", "net10.0"),
    };
}
