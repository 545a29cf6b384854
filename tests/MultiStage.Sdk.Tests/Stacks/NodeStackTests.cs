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
    public void The_dockerfile_installs_from_the_lockfile_first_builds_and_ships_production_dependencies_only()
    {
        using var app = new AppProject().With("package.json", Server).With("package-lock.json").With(".npmrc", "fund=false").With("src/server.ts");
        var lines = app.Render().ToList();

        Assert.That(lines, Does.Contain("FROM node:18-bookworm AS builder").And.Contain("FROM node:18-bookworm AS prod-deps").And.Contain("FROM node:18-bookworm-slim AS final"));
        Assert.That(lines.Count(l => l == "COPY [\"package.json\", \"package-lock.json\", \".npmrc\", \"./\"]"), Is.EqualTo(2));
        Assert.That(lines.IndexOf("RUN npm ci"), Is.LessThan(lines.IndexOf("COPY . .")));
        Assert.That(lines.IndexOf("COPY . ."), Is.LessThan(lines.IndexOf("RUN npm run build")));
        Assert.That(lines, Does.Contain("RUN npm ci --omit=dev && mkdir -p node_modules"));

        var final = lines.Skip(lines.IndexOf("FROM node:18-bookworm-slim AS final")).ToList();
        Assert.That(final.Where(l => l.StartsWith("COPY", StringComparison.Ordinal)), Is.EqualTo(new[] { "COPY --from=prod-deps /app/node_modules ./node_modules", "COPY --from=builder /app ." }));
        Assert.That(final, Does.Contain("USER node").And.Contain("EXPOSE 3000").And.Contain("ENV NODE_ENV=\"production\""));
        Assert.That(final[^1], Is.EqualTo("ENTRYPOINT [\"node\", \"dist/server.js\"]"));
    }

    [Test]
    public void Without_a_build_script_the_sources_are_copied_straight_into_the_runtime_stage()
    {
        using var app = new AppProject().With("package.json", """{ "main": "index.js" }""");
        var lines = app.Render();

        Assert.That(lines, Has.None.Contains("AS builder"));
        Assert.That(lines, Does.Contain("COPY . .").And.Contain("FROM node:24-bookworm-slim AS final"));
        Assert.That(lines[^1], Is.EqualTo("ENTRYPOINT [\"node\", \"index.js\"]"));
    }

    [TestCase("""{ "scripts": { "start": "node server.js --port 3000" } }""", new[] { "node", "server.js", "--port", "3000" })]
    [TestCase("""{ "main": "lib/app.js", "scripts": { "start": "next start" } }""", new[] { "node", "lib/app.js" })]
    [TestCase("""{ "scripts": { "start": "next start" } }""", new[] { "npm", "run", "start" })]
    [TestCase("""{ "scripts": { "start": "node a.js && node b.js" }, "main": "a.js" }""", new[] { "node", "a.js" })]
    public void The_start_script_or_main_is_started(string manifest, string[] entrypoint)
    {
        using var app = new AppProject().With("package.json", manifest);
        Assert.That(app.Plan().Entrypoint, Is.EqualTo(entrypoint));
    }

    [Test]
    public void Nothing_to_start_is_MSTAGE1014()
    {
        using var app = new AppProject().With("package.json", """{ "name": "lib" }""");
        Assert.That(Assert.Throws<MultiStageException>(() => app.Plan())!.Diagnostic.Code, Is.EqualTo("MSTAGE1014"));
    }

    [Test]
    public void A_package_json_that_does_not_parse_is_MSTAGE1018_at_its_line()
    {
        using var app = new AppProject().With("package.json", "{\n  \"main\": \"a.js\",\n  oops\n}");
        var e = Assert.Throws<MultiStageException>(() => app.Plan())!;
        Assert.That((e.Diagnostic.Code, e.Diagnostic.Line), Is.EqualTo(("MSTAGE1018", 3)));
    }
}
