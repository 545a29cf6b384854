using MultiStage.Sdk.Reporting;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Stacks;

public class PlanAdditionsTests
{
    private static string CodeOf(TestDelegate action) => Assert.Throws<MultiStageException>(action)!.Diagnostic.Code;

    private static StackPlan Apply(ContainerOptions options, string runtimeImage = "mcr.microsoft.com/dotnet/runtime:10.0") =>
        PlanAdditions.Apply(TestPlans.DotNet with { RuntimeImage = runtimeImage }, options);

    [TestCase("mcr.microsoft.com/dotnet/runtime:10.0", null, "apt")]
    [TestCase("mcr.microsoft.com/dotnet/runtime-deps:10.0-noble", null, "apt")]
    [TestCase("mcr.microsoft.com/dotnet/aspnet:10.0-alpine", null, "apk")]
    [TestCase("node:24-bookworm-slim", null, "apt")]
    [TestCase("php:8.4-fpm", null, "apt")]
    [TestCase("registry.example.com/team/base:1", null, "apt")]
    [TestCase("registry.example.com/team/base-alpine:1", null, "apk")]
    [TestCase("registry.example.com/team/base:1", "APK", "apk")]
    [TestCase("gcr.io/distroless/static-debian12:nonroot", "apt", "apt")]
    public void The_package_manager_follows_the_runtime_image_unless_chosen(string image, string? requested, string expected) =>
        Assert.That(PackageManager.For(image, requested)?.Name, Is.EqualTo(expected));

    [TestCase("mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled-extra")]
    [TestCase("gcr.io/distroless/static-debian12:nonroot")]
    [TestCase("scratch")]
    public void Chiseled_distroless_and_scratch_images_have_none(string image) =>
        Assert.That(PackageManager.For(image, null), Is.Null);

    [Test]
    public void Os_packages_on_an_image_without_a_package_manager_are_MSTAGE1022_saying_what_to_do()
    {
        var e = Assert.Throws<MultiStageException>(() => Apply(new ContainerOptions { OsPackages = [new OsPackage("curl")] }, "mcr.microsoft.com/dotnet/runtime:10.0-noble-chiseled"))!;
        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE1022"));
        Assert.That(e.Diagnostic.Message, Does.Contain("curl").And.Contain("ContainerFamily").And.Contain("ContainerOsPackageManager"));
    }

    [TestCase("curl; rm -rf /", null, "apt")]
    [TestCase("$(id)", null, "apt")]
    [TestCase("Curl", null, "apt")]
    [TestCase("c", null, "apt")]
    [TestCase("curl", "1.0 && id", "apt")]
    [TestCase("curl", "latest", "apk")]
    [TestCase("-curl", null, "apk")]
    public void A_package_name_or_version_outside_the_charset_is_MSTAGE1023(string name, string? version, string manager) =>
        Assert.That(CodeOf(() => Apply(new ContainerOptions { OsPackages = [new OsPackage(name, version)], OsPackageManager = manager })), Is.EqualTo("MSTAGE1023"));

    [Test]
    public void Package_names_of_each_manager_pass_and_are_installed_once()
    {
        Assert.That(Apply(new ContainerOptions { OsPackages = [new("libstdc++6"), new("tzdata", "2025b-0+deb12u1"), new("tzdata", "2025b-0+deb12u1"), new("lib32z1", "1:1.2.13")] }).OsPackages,
            Is.EqualTo(new[] { "libstdc++6", "tzdata=2025b-0+deb12u1", "lib32z1=1:1.2.13" }));
        Assert.That(Apply(new ContainerOptions { OsPackages = [new("py3-pip"), new("font-noto-CJK"), new("musl", "1.2.5-r0")] }, "alpine:3.20").OsPackages,
            Is.EqualTo(new[] { "py3-pip", "font-noto-CJK", "musl=1.2.5-r0" }));
    }

    [Test]
    public void An_unknown_package_manager_is_MSTAGE1024() =>
        Assert.That(CodeOf(() => Apply(new ContainerOptions { OsPackageManager = "yum" })), Is.EqualTo("MSTAGE1024"));

    [TestCase("1ST")]
    [TestCase("A-B")]
    [TestCase("A B")]
    [TestCase("A=1")]
    [TestCase("")]
    public void An_invalid_build_arg_name_is_MSTAGE1025(string name) =>
        Assert.That(CodeOf(() => Apply(new ContainerOptions { BuildArgs = [name] })), Is.EqualTo("MSTAGE1025"));

    [TestCase("[\"curl\", 1]", null, null)]
    [TestCase("[]", null, null)]
    [TestCase("[\"curl\"", null, null)]
    [TestCase("curl -f x\nRUN id", null, null)]
    [TestCase("curl -f x \\", null, null)]
    [TestCase("curl", "30", null)]
    [TestCase("curl", "-5s", null)]
    [TestCase("curl", "1m30", null)]
    [TestCase("curl", null, "0")]
    [TestCase("curl", null, "three")]
    [TestCase("", "30s", null)]
    public void An_invalid_health_check_is_MSTAGE1026(string command, string? interval, string? retries) =>
        Assert.That(CodeOf(() => Apply(new ContainerOptions { HealthCheck = new HealthCheckSettings(command, interval, Retries: retries) })), Is.EqualTo("MSTAGE1026"));

    [TestCase("30s")]
    [TestCase("1m30s")]
    [TestCase("500ms")]
    [TestCase("1.5h")]
    public void Durations_as_the_engine_reads_them_pass(string duration) =>
        Assert.That(Apply(new ContainerOptions { HealthCheck = new HealthCheckSettings("true", duration, duration, duration) }).HealthCheck!.Options,
            Is.EqualTo(new[] { $"--interval={duration}", $"--timeout={duration}", $"--start-period={duration}" }));

    [Test]
    public void A_shell_health_check_on_an_image_without_a_shell_is_MSTAGE1027_and_exec_form_is_fine()
    {
        const string distroless = "gcr.io/distroless/static-debian12:nonroot";
        Assert.That(CodeOf(() => Apply(new ContainerOptions { HealthCheck = new HealthCheckSettings("wget -q localhost:8080") }, distroless)), Is.EqualTo("MSTAGE1027"));
        Assert.That(Apply(new ContainerOptions { HealthCheck = new HealthCheckSettings("[\"/app/api\", \"-health\"]") }, distroless).HealthCheck!.Exec, Is.EqualTo(new[] { "/app/api", "-health" }));
    }

    [Test]
    public void Without_settings_the_plan_gets_nothing()
    {
        var plan = Apply(new ContainerOptions { HealthCheck = new HealthCheckSettings(null) });
        Assert.That(plan.OsPackages.Concat(plan.BuildArgs), Is.Empty);
        Assert.That(plan.PackageManager, Is.Null);
        Assert.That(plan.HealthCheck, Is.Null);
    }

    [Test]
    public void User_labels_win_over_generated_ones_and_empty_generated_ones_are_left_out()
    {
        KeyValuePair<string, string>[] generated =
        [
            new("org.opencontainers.image.title", "MyApp"),
            new("org.opencontainers.image.version", "1.2.3"),
            new("org.opencontainers.image.revision", ""),
            new("org.opencontainers.image.source", "https://example.com/shop.git"),
        ];
        var labels = ImageLabels.Merge(generated, [new("org.opencontainers.image.version", "2.0.0-custom"), new("com.example.team", "shop")]);

        Assert.That(labels, Is.EqualTo(new KeyValuePair<string, string>[]
        {
            new("org.opencontainers.image.title", "MyApp"),
            new("org.opencontainers.image.source", "https://example.com/shop.git"),
            new("org.opencontainers.image.version", "2.0.0-custom"),
            new("com.example.team", "shop"),
        }));
    }

    [TestCase("has space", "v")]
    [TestCase("a=b", "v")]
    [TestCase("ok.key", "two\nlines")]
    public void A_label_or_variable_that_would_break_the_dockerfile_is_MSTAGE1028(string key, string value)
    {
        Assert.That(CodeOf(() => PlanAdditions.Apply(TestPlans.DotNet with { Labels = [new(key, value)] }, new ContainerOptions())), Is.EqualTo("MSTAGE1028"));
        Assert.That(CodeOf(() => PlanAdditions.Apply(TestPlans.DotNet with { Environment = [new(key, value)] }, new ContainerOptions())), Is.EqualTo("MSTAGE1028"));
    }

    [Test]
    public void ContainerAppCommand_replaces_the_stacks_entrypoint_and_its_arguments_follow_whichever_command_starts()
    {
        var plan = TestPlans.DotNet with { Entrypoint = ["dotnet", "shop.dll"] };

        Assert.That(PlanAdditions.Apply(plan, new ContainerOptions()).Entrypoint, Is.EqualTo(new[] { "dotnet", "shop.dll" }));
        Assert.That(PlanAdditions.Apply(plan, new ContainerOptions { AppCommandArgs = ["--urls", "http://+:5000"] }).Entrypoint, Is.EqualTo(new[] { "dotnet", "shop.dll", "--urls", "http://+:5000" }));
        var own = PlanAdditions.Apply(plan, new ContainerOptions { AppCommand = ["/app/shop"], AppCommandArgs = ["serve"], DefaultArgs = ["--port", "80"] });
        Assert.That(own.Entrypoint, Is.EqualTo(new[] { "/app/shop", "serve" }));
        Assert.That(own.DefaultArgs, Is.EqualTo(new[] { "--port", "80" }));
    }

    [Test]
    public void The_credential_files_are_the_package_managers_own_and_the_users()
    {
        var plan = PlanAdditions.Apply(TestPlans.DotNet, new ContainerOptions { SecretFiles = ["./config/credentials.json", @"deploy\key.txt", ".npmrc"] });

        Assert.That(plan.SecretFiles, Is.EqualTo(new[] { ".npmrc", ".yarnrc", ".yarnrc.yml", "auth.json", ".netrc", "config/credentials.json", "deploy/key.txt" }));
    }

    [TestCase("../outside.json")]
    [TestCase("/etc/passwd")]
    [TestCase("secrets/*.json")]
    [TestCase("")]
    public void A_secret_file_outside_the_context_or_with_wildcards_is_MSTAGE1046(string file) =>
        Assert.That(CodeOf(() => PlanAdditions.Apply(TestPlans.DotNet, new ContainerOptions { SecretFiles = [file] })), Is.EqualTo("MSTAGE1046"));
}
