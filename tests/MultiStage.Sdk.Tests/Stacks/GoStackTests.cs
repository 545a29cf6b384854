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
        LineOrder.AssertInOrder(lines, "COPY [\"go.mod\", \"go.sum\", \"./\"]", "RUN go mod download", "COPY . .");
        Assert.That(lines, Does.Contain("RUN CGO_ENABLED=0 go build -trimpath -ldflags=\"-s -w\" -o /out/server ./cmd/server"));
        Assert.That(lines, Does.Contain("COPY --from=builder /out/server ./server").And.Contain("USER 65532:65532").And.Contain("EXPOSE 8080"));
        Assert.That(lines[^1], Is.EqualTo("ENTRYPOINT [\"/app/server\"]"));
    }

    [Test]
    public void The_header_names_the_images_the_file_uses_even_when_properties_set_them()
    {
        using var app = new AppProject().With("go.mod", GoMod).With("main.go", Main);
        var lines = app.Render(new ContainerOptions { BuilderImage = "golang:1.22", BaseImage = "gcr.io/distroless/static-debian12:latest" });

        Assert.That(lines[0], Is.EqualTo("# Rendered by MultiStage.Sdk (main package ., static): built in golang:1.22, runs on gcr.io/distroless/static-debian12:latest."));
        Assert.That(lines, Has.None.Contains("1.19"), "go.mod's version is not what the file uses");
    }

    [Test]
    public void The_default_go_version_is_the_golang_1_23_image()
    {
        using var app = new AppProject().With("go.mod", "module example.com/tool\n").With("main.go", Main);
        Assert.That(app.Render(), Does.Contain("FROM golang:1.23 AS builder"));
    }

    [Test]
    public void A_committed_vendor_folder_is_built_with_mod_vendor_no_download_and_is_sent_in_the_context()
    {
        using var app = new AppProject().With("go.mod", GoMod).With("go.sum").With("main.go", Main)
            .With("vendor/modules.txt", "# example.com/lib v1.0.0\n## explicit\nexample.com/lib\n").With("vendor/example.com/lib/lib.go", "package lib\n");
        var lines = app.Render().ToList();
        var ignore = File.ReadAllLines(Path.Combine(app.Directory, "obj", "multistage", ".dockerignore"));

        Assert.That(lines, Has.None.Contains("go mod download"));
        Assert.That(lines, Does.Contain("ENV GOFLAGS=-mod=vendor \\").And.Contain("    GOPROXY=off"));
        Assert.That(lines.FindIndex(l => l.StartsWith("ENV GOFLAGS", StringComparison.Ordinal)), Is.LessThan(lines.IndexOf("COPY . .")));
        Assert.That(((GoApp)app.Plan().App).Vendored, Is.True);
        Assert.That(lines[0], Does.Contain("vendored modules"));
        Assert.That(ignore, Has.None.EqualTo("**/vendor"));
    }

    [Test]
    public void A_vendor_folder_without_modules_txt_stays_out_of_the_context_and_modules_are_downloaded()
    {
        using var app = new AppProject().With("go.mod", GoMod).With("main.go", Main).With("vendor/example.com/lib/lib.go", "package lib\n");
        var lines = app.Render();

        Assert.That(lines, Does.Contain("RUN go mod download").And.None.Contains("GOFLAGS"));
        Assert.That(File.ReadAllLines(Path.Combine(app.Directory, "obj", "multistage", ".dockerignore")), Does.Contain("**/vendor"));
    }

    [Test]
    public void A_go_work_in_the_context_is_MSTAGE1039_saying_to_set_GOWORK_off()
    {
        using var app = new AppProject().With("go.mod", GoMod).With("main.go", Main).With("go.work", "go 1.23\n\nuse .\n");
        var e = Assert.Throws<MultiStageException>(() => app.Plan())!;

        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE1039"));
        Assert.That(e.Diagnostic.Message, Does.Contain("go.work").And.Contain("<ContainerBuildArg Include=\"GOWORK\" Value=\"off\" />"));
        Assert.That(app.Plan(new ContainerOptions { BuildArgs = ["GOWORK"] }).Stack, Is.EqualTo("go"));
    }

    [Test]
    public void Cgo_is_built_with_CGO_ENABLED_1_for_the_glibc_distroless_base()
    {
        using var app = new AppProject().With("go.mod", GoMod).With("main.go", "package main\n\n// #include <stdlib.h>\nimport \"C\"\n\nfunc main() {}\n");
        var lines = app.Render();

        Assert.That(lines, Does.Contain("FROM gcr.io/distroless/base-debian12:nonroot AS final"));
        Assert.That(lines, Does.Contain("RUN CGO_ENABLED=1 go build -trimpath -ldflags=\"-s -w\" -o /out/api ."));
        Assert.That(lines[0], Does.Contain("cgo (glibc)"));
    }

    [Test]
    public void A_CGO_ENABLED_build_argument_decides_and_the_runtime_has_glibc()
    {
        using var app = new AppProject().With("go.mod", GoMod).With("main.go", Main);
        var lines = app.Render(new ContainerOptions { BuildArgs = ["CGO_ENABLED"] });

        Assert.That(lines, Does.Contain("ARG CGO_ENABLED").And.Contain("RUN go build -trimpath -ldflags=\"-s -w\" -o /out/api ."));
        Assert.That(lines, Does.Contain("FROM gcr.io/distroless/base-debian12:nonroot AS final"));
    }

    [Test]
    public void Cgo_in_a_vendor_folder_that_is_not_sent_changes_nothing_but_in_a_committed_one_it_does()
    {
        const string Cgo = "package sqlite\n\n/*\n#include <sqlite3.h>\n*/\nimport \"C\"\n";
        using var stale = new AppProject().With("go.mod", GoMod).With("main.go", Main).With("vendor/example.com/sqlite/sqlite.go", Cgo);
        using var committed = new AppProject().With("go.mod", GoMod).With("main.go", Main).With("vendor/example.com/sqlite/sqlite.go", Cgo)
            .With("vendor/modules.txt", "# example.com/sqlite v1.0.0\n## explicit\nexample.com/sqlite\n");

        Assert.That(((GoApp)stale.Plan().App).CgoEnabled, Is.EqualTo("0"));
        Assert.That(((GoApp)committed.Plan().App).CgoEnabled, Is.EqualTo("1"));
    }
}
