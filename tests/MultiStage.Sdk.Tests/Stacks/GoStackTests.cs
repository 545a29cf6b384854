using MultiStage.Sdk.Reporting;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Stacks;

public class GoStackTests
{
    private const string GoMod = "module example.com/shop/api\n\ngo 1.19\n";
    private const string Main = "package main\n\nfunc main() {}\n";

    [Test]
    public void A_main_package_at_the_root_is_built_and_named_after_the_module()
    {
        using var app = new AppProject().With("go.mod", GoMod).With("main.go", Main).With("main_test.go", "package main\n");
        var plan = app.Plan();

        Assert.That(((GoApp)plan.App).MainPackage, Is.EqualTo("."));
        Assert.That(plan.Entrypoint, Is.EqualTo(new[] { "/app/api" }));
    }

    [Test]
    public void The_only_cmd_folder_is_the_main_package()
    {
        using var app = new AppProject().With("go.mod", GoMod).With("cmd/server/main.go", Main).With("internal/store/store.go", "package store\n");
        Assert.That(((GoApp)app.Plan().App).MainPackage, Is.EqualTo("./cmd/server"));
    }

    [Test]
    public void Several_cmd_folders_are_MSTAGE1015_naming_them_unless_one_is_chosen()
    {
        using var app = new AppProject().With("go.mod", GoMod).With("cmd/server/main.go", Main).With("cmd/worker/main.go", Main);
        var e = Assert.Throws<MultiStageException>(() => app.Plan())!;

        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE1015"));
        Assert.That(e.Diagnostic.Message, Does.Contain("cmd/server").And.Contain("cmd/worker").And.Contain("MultiStageGoMain"));
        Assert.That(((GoApp)app.Plan(new ContainerOptions { GoMain = "./cmd/worker/" }).App).MainPackage, Is.EqualTo("./cmd/worker"));
    }

    [Test]
    public void No_main_package_is_MSTAGE1016()
    {
        using var app = new AppProject().With("go.mod", GoMod).With("lib.go", "package lib\n");
        Assert.That(Assert.Throws<MultiStageException>(() => app.Plan())!.Diagnostic.Code, Is.EqualTo("MSTAGE1016"));
    }

    [Test]
    public void The_dockerfile_downloads_modules_first_and_builds_a_static_binary_for_a_distroless_non_root_runtime()
    {
        using var app = new AppProject().With("go.mod", GoMod).With("go.sum").With("cmd/server/main.go", Main);
        var lines = app.Render().ToList();

        Assert.That(lines, Does.Contain("FROM golang:1.19 AS builder").And.Contain("FROM gcr.io/distroless/static-debian12:nonroot AS final"));
        Assert.That(lines.IndexOf("COPY [\"go.mod\", \"go.sum\", \"./\"]"), Is.LessThan(lines.IndexOf("RUN go mod download")));
        Assert.That(lines.IndexOf("RUN go mod download"), Is.LessThan(lines.IndexOf("COPY . .")));
        Assert.That(lines, Does.Contain("RUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o /out/server ./cmd/server"));
        Assert.That(lines, Does.Contain("COPY --from=builder /out/server ./server").And.Contain("USER 65532:65532").And.Contain("EXPOSE 8080"));
        Assert.That(lines[^1], Is.EqualTo("ENTRYPOINT [\"/app/server\"]"));
    }
}
