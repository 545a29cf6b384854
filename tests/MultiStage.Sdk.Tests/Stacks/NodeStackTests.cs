using MultiStage.Sdk.Reporting;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Stacks;

public class NodeStackTests
{
    private const string Server = """{ "name": "web", "scripts": { "build": "tsc", "start": "node dist/server.js" }, "engines": { "node": ">=18" } }""";

    [TestCase("package-lock.json", "npm", "npm ci", "npm ci --omit=dev")]
    [TestCase("npm-shrinkwrap.json", "npm", "npm ci", "npm ci --omit=dev")]
    [TestCase("yarn.lock", "yarn", "yarn install --frozen-lockfile", "yarn install --frozen-lockfile --production")]
    [TestCase("pnpm-lock.yaml", "pnpm", "pnpm install --frozen-lockfile", "pnpm install --frozen-lockfile --prod")]
    [TestCase(null, "npm", "npm install", "npm install --omit=dev")]
    public void The_lockfile_chooses_the_package_manager(string? lockfile, string manager, string install, string production)
    {
        using var app = new AppProject().With("package.json", Server);
        if (lockfile is not null)
        {
            app.With(lockfile);
        }

        var pm = ((NodeApp)app.Plan().App).PackageManager;
        Assert.That((pm.Name, pm.Install, pm.InstallProduction, pm.Lockfile), Is.EqualTo((manager, install, production, lockfile)));
    }

    [TestCase("pnpm@9.1.0", "pnpm", true)]
    [TestCase("yarn@4.2.1", "yarn", true)]
    [TestCase("yarn@1.22.19", "yarn", true)]
    [TestCase("npm@10.8.0", "npm", false)]
    public void The_packageManager_field_wins_over_the_lockfile(string field, string manager, bool corepack)
    {
        using var app = new AppProject().With("package.json", $$"""{ "packageManager": "{{field}}", "main": "index.js" }""").With("package-lock.json");
        var pm = ((NodeApp)app.Plan().App).PackageManager;
        Assert.That((pm.Name, pm.NeedsCorepack), Is.EqualTo((manager, corepack)));
    }

    [Test]
    public void Yarn_berry_installs_immutably_and_focuses_production() =>
        Assert.That(NodePackageManager.For(Path.GetTempPath(), "yarn@4.0.0").InstallProduction, Is.EqualTo("yarn workspaces focus --all --production"));

    [Test]
    public void The_dockerfile_installs_from_the_lockfile_first_builds_and_ships_production_dependencies_and_the_build_output_only()
    {
        using var app = new AppProject().With("package.json", Server).With("package-lock.json").With(".npmrc", "fund=false").With("src/server.ts")
            .With("tsconfig.json", """{ "compilerOptions": { "outDir": "./dist" } }""");
        var lines = app.Render().ToList();

        Assert.That(lines, Does.Contain("FROM node:18-bookworm AS builder").And.Contain("FROM node:18-bookworm AS prod-deps").And.Contain("FROM node:18-bookworm-slim AS final"));
        Assert.That(lines, Has.None.Contains("AS app-files"), "the build output is known: no stage of the whole app is needed");
        Assert.That(lines.Count(l => l == "COPY [\"package.json\", \"package-lock.json\", \".npmrc\", \"./\"]"), Is.EqualTo(2));
        LineOrder.AssertInOrder(lines, "RUN npm ci", "COPY . .", "RUN npm run build", "RUN find . -name '*.tsbuildinfo' -not -path './node_modules/*' -delete");
        Assert.That(lines, Does.Contain("RUN npm ci --omit=dev && mkdir -p node_modules"));

        var final = lines.Skip(lines.IndexOf("FROM node:18-bookworm-slim AS final")).ToList();
        Assert.That(final.Where(l => l.StartsWith("COPY", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            "COPY --from=prod-deps /app/node_modules ./node_modules",
            "COPY --from=builder [\"/app/package.json\", \"./package.json\"]",
            "COPY --from=builder [\"/app/dist\", \"./dist\"]",
        }));
        Assert.That(final, Does.Contain("USER node").And.Contain("EXPOSE 3000").And.Contain("ENV NODE_ENV=\"production\""));
        Assert.That(final[^1], Is.EqualTo("ENTRYPOINT [\"node\", \"dist/server.js\"]"));
    }

    [Test]
    public void Without_a_build_script_the_final_stage_copies_the_app_without_tests_tool_configs_and_credentials()
    {
        using var app = new AppProject().With("package.json", """{ "main": "index.js" }""").With("index.js").With(".npmrc", "//npm.example.test/:_authToken=x");
        var lines = app.Render().ToList();

        Assert.That(lines, Has.None.Contains("AS builder"));
        var stage = lines.Skip(lines.IndexOf("FROM node:24-bookworm AS app-files")).TakeWhile(l => l.Length > 0).ToList();
        Assert.That(stage, Does.Contain("COPY . ."));
        var rm = string.Join("\n", stage.SkipWhile(l => !l.StartsWith("RUN rm -rf", StringComparison.Ordinal)));
        Assert.That(rm, Does.Contain(" .multistage ").And.Contain(" test ").And.Contain(" tsconfig*.json ").And.Contain(" .eslintrc* ").And.Contain(" .prettierrc* ").And.Contain(" nest-cli.json "));
        Assert.That(rm, Does.Contain("-name '.npmrc'").And.Contain("-name '.yarnrc.yml'").And.Contain("-name '*.spec.*'"));

        var final = lines.Skip(lines.IndexOf("FROM node:24-bookworm-slim AS final")).ToList();
        Assert.That(final.Where(l => l.StartsWith("COPY", StringComparison.Ordinal)), Is.EqualTo(new[] { "COPY --from=prod-deps /app/node_modules ./node_modules", "COPY --from=app-files /app ." }));
        Assert.That(final[^1], Is.EqualTo("ENTRYPOINT [\"node\", \"index.js\"]"));
    }

    [Test]
    public void A_build_whose_output_is_unknown_takes_the_builders_app_without_node_modules_tests_and_credentials()
    {
        using var app = new AppProject().With("package.json", """{ "main": "index.js", "scripts": { "build": "webpack" } }""");
        var lines = app.Render().ToList();

        Assert.That(lines, Does.Contain("FROM builder AS app-files"));
        Assert.That(lines.Single(l => l.StartsWith("RUN rm -rf", StringComparison.Ordinal)), Does.StartWith("RUN rm -rf node_modules .multistage "));
        Assert.That(lines, Does.Contain("COPY --from=app-files /app ."));
    }

    [Test]
    public void ContainerAppFile_items_are_copied_into_the_final_stage_from_the_builder_after_a_build()
    {
        using var app = new AppProject().With("package.json", Server).With("views/index.html");
        var lines = app.Render(new ContainerOptions { AppFiles = ["views", "./config/default.json"] });

        Assert.That(lines, Does.Contain("COPY --from=builder [\"/app/views\", \"./views\"]").And.Contain("COPY --from=builder [\"/app/config/default.json\", \"./config/default.json\"]"));
    }

    [Test]
    public void ContainerAppFile_items_come_from_the_app_folder_without_a_build()
    {
        using var app = new AppProject().With("package.json", """{ "main": "index.js" }""").With("jest.config.js");
        Assert.That(app.Render(new ContainerOptions { AppFiles = ["jest.config.js"] }), Does.Contain("COPY [\"jest.config.js\", \"./jest.config.js\"]"));
    }

    [TestCase("../secrets", "is not inside")]
    [TestCase("/etc/passwd", "is not inside")]
    [TestCase("config/.npmrc", "credential file")]
    [TestCase("missing.json", "does not exist")]
    public void A_ContainerAppFile_outside_the_app_a_credential_file_or_a_missing_one_is_MSTAGE1035(string item, string reason)
    {
        using var app = new AppProject().With("package.json", """{ "main": "index.js" }""").With("config/.npmrc");
        var e = Assert.Throws<MultiStageException>(() => app.Plan(new ContainerOptions { AppFiles = [item] }))!;
        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE1035"));
        Assert.That(e.Diagnostic.Message, Does.Contain(item).And.Contain(reason));
    }

    [Test]
    public void The_header_names_the_images_the_file_uses_when_they_are_set_by_property()
    {
        using var app = new AppProject().With("package.json", """{ "main": "index.js", "engines": { "node": "24" } }""");
        var lines = app.Render(new ContainerOptions { BuilderImage = "node:18-bookworm", BaseImage = "node:18-bookworm-slim" });

        Assert.That(lines[0], Is.EqualTo("# Rendered by MultiStage.Sdk (npm, builder node:18-bookworm, runtime node:18-bookworm-slim)."));
        Assert.That(string.Join("\n", lines), Does.Not.Contain("24"));
    }

    [Test]
    public void A_yarn_1_app_installs_with_the_images_own_yarn()
    {
        using var app = new AppProject().With("package.json", """{ "scripts": { "start": "node server.js" } }""").With("yarn.lock");
        var lines = app.Render();

        Assert.That(lines, Has.None.Contains("corepack"));
        Assert.That(lines, Does.Contain("RUN yarn install --frozen-lockfile --production && mkdir -p node_modules"));
        Assert.That(lines, Does.Contain("COPY [\"package.json\", \"yarn.lock\", \"./\"]"));
    }

    [Test]
    public void A_package_json_that_does_not_parse_is_MSTAGE1018_at_its_line()
    {
        using var app = new AppProject().With("package.json", "{\n  \"main\": \"a.js\",\n  oops\n}");
        var e = Assert.Throws<MultiStageException>(() => app.Plan())!;
        Assert.That((e.Diagnostic.Code, e.Diagnostic.Line), Is.EqualTo(("MSTAGE1018", 3)));
    }
}
