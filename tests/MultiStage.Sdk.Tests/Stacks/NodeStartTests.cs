using MultiStage.Sdk.Reporting;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Stacks;

/// <summary>The start command: one that works with production dependencies only, run directly when it can be.</summary>
public class NodeStartTests
{
    private const string Nest = """
        {
          "scripts": { "build": "nest build", "start": "nest start", "start:dev": "nest start --watch", "start:prod": "node dist/main" },
          "dependencies": { "@nestjs/core": "^11.0.0" },
          "devDependencies": { "@nestjs/cli": "^11.0.0", "typescript": "^5.7.0" }
        }
        """;

    [TestCase(Nest, new[] { "node", "dist/main" })]
    [TestCase("""{ "scripts": { "start": "node server.js --port 3000" } }""", new[] { "node", "server.js", "--port", "3000" })]
    [TestCase("""{ "main": "lib/app.js", "scripts": { "start": "next start" } }""", new[] { "node", "lib/app.js" })]
    [TestCase("""{ "scripts": { "start": "next start" } }""", new[] { "npm", "run", "start" })]
    [TestCase("""{ "scripts": { "start": "next start" }, "dependencies": { "next": "15.0.0" } }""", new[] { "/app/node_modules/.bin/next", "start" })]
    [TestCase("""{ "scripts": { "start": "remix-serve ./build/index.js" }, "dependencies": { "@remix-run/serve": "2.0.0" } }""", new[] { "/app/node_modules/.bin/remix-serve", "./build/index.js" })]
    [TestCase("""{ "scripts": { "start": "next dev" }, "dependencies": { "next": "15.0.0" } }""", new[] { "npm", "run", "start" })]
    [TestCase("""{ "scripts": { "start": "node a.js && node b.js" }, "main": "a.js" }""", new[] { "node", "a.js" })]
    [TestCase("""{ "scripts": { "start": "pm2-runtime app.js" }, "dependencies": { "pm2": "5.0.0" } }""", new[] { "npm", "run", "start" })]
    [TestCase("""{ "scripts": { "start:prod": "NODE_ENV=production node dist/main" } }""", new[] { "npm", "run", "start:prod" })]
    [TestCase("""{ "scripts": { "start:prod": "next start" }, "dependencies": { "next": "15.0.0" } }""", new[] { "/app/node_modules/.bin/next", "start" })]
    [TestCase("""{ "scripts": { "start:prod": "pm2-runtime app.js" }, "dependencies": { "pm2": "5.0.0" } }""", new[] { "npm", "run", "start:prod" })]
    [TestCase("""{ "packageManager": "pnpm@9.1.0", "scripts": { "start": "node a.js | tee log" } }""", new[] { "npm", "run", "start" })]
    public void The_production_start_is_chosen(string manifest, string[] entrypoint)
    {
        using var app = new AppProject().With("package.json", manifest);
        Assert.That(app.Plan().Entrypoint, Is.EqualTo(entrypoint));
    }

    [Test]
    public void A_yarn_1_app_runs_a_script_with_yarn()
    {
        using var app = new AppProject().With("package.json", """{ "scripts": { "start": "node a.js > log" } }""").With("yarn.lock");
        Assert.That(app.Plan().Entrypoint, Is.EqualTo(new[] { "yarn", "run", "start" }));
    }

    [Test]
    public void The_working_directory_places_a_frameworks_server()
    {
        using var app = new AppProject().With("package.json", """{ "scripts": { "start": "next start -p 8080" }, "dependencies": { "next": "15.0.0" } }""");
        Assert.That(app.Plan(new() { WorkingDirectory = "/srv/web/" }).Entrypoint, Is.EqualTo(new[] { "/srv/web/node_modules/.bin/next", "start", "-p", "8080" }));
    }

    [TestCase("""{ "scripts": { "start": "nest start" }, "devDependencies": { "@nestjs/cli": "11.0.0" } }""", "start", "nest", "@nestjs/cli")]
    [TestCase("""{ "scripts": { "start": "ts-node src/main.ts" }, "devDependencies": { "ts-node": "10.0.0" } }""", "start", "ts-node", "ts-node")]
    [TestCase("""{ "scripts": { "start": "cross-env PORT=1 nodemon dist/a.js" }, "devDependencies": { "nodemon": "3.0.0" } }""", "start", "nodemon", "nodemon")]
    [TestCase("""{ "scripts": { "start": "cross-env PORT=1 node a.js" }, "devDependencies": { "cross-env": "7.0.0" } }""", "start", "cross-env", "cross-env")]
    [TestCase("""{ "scripts": { "start": "npx tsx src/a.ts" }, "devDependencies": { "tsx": "4.0.0" } }""", "start", "tsx", "tsx")]
    [TestCase("""{ "scripts": { "start": "node -r ts-node/register src/main.ts" }, "devDependencies": { "ts-node": "10.0.0" } }""", "start", "node -r ts-node/register", "ts-node")]
    [TestCase("""{ "scripts": { "start:prod": "npm run build && node dist/main", "build": "tsc" }, "devDependencies": { "typescript": "5.0.0" } }""", "build", "tsc", "typescript")]
    [TestCase("""{ "scripts": { "start": "next start" }, "devDependencies": { "next": "15.0.0" } }""", "start", "next", "next")]
    public void A_start_that_needs_a_devDependency_is_MSTAGE1034_naming_the_script_the_command_and_the_package(string manifest, string script, string command, string package)
    {
        using var app = new AppProject().With("package.json", manifest);
        var e = Assert.Throws<MultiStageException>(() => app.Plan())!;

        Assert.That(e.Diagnostic.Code, Is.EqualTo("MSTAGE1034"));
        Assert.That(e.Diagnostic.Message, Does.Contain($"'{script}' script").And.Contain($"runs '{command}'").And.Contain($"'{package}', a devDependency")
            .And.Contain("start:prod").And.Contain("ContainerAppCommand").And.Contain("dependencies"));
        Assert.That(e.Diagnostic.File, Does.EndWith("package.json"));
    }

    [Test]
    public void The_lockfile_says_which_package_a_command_comes_from()
    {
        using var app = new AppProject()
            .With("package.json", """{ "scripts": { "start": "acme-serve" }, "devDependencies": { "@acme/tools": "1.0.0" } }""")
            .With("package-lock.json", """{ "lockfileVersion": 3, "packages": { "": {}, "node_modules/@acme/tools": { "version": "1.0.0", "dev": true, "bin": { "acme-serve": "bin/serve.js" } } } }""");

        Assert.That(Assert.Throws<MultiStageException>(() => app.Plan())!.Diagnostic.Message, Does.Contain("'@acme/tools', a devDependency"));
    }

    [Test]
    public void A_package_installed_on_this_machine_says_which_package_a_command_comes_from()
    {
        using var app = new AppProject()
            .With("package.json", """{ "scripts": { "start": "acme-serve" }, "devDependencies": { "@acme/tools": "1.0.0" } }""")
            .With("node_modules/@acme/tools/package.json", """{ "name": "@acme/tools", "bin": { "acme-serve": "bin/serve.js" } }""");

        Assert.That(Assert.Throws<MultiStageException>(() => app.Plan())!.Diagnostic.Code, Is.EqualTo("MSTAGE1034"));
    }

    [Test]
    public void ContainerAppCommand_is_the_entrypoint_and_no_start_script_can_fail_the_publish()
    {
        using var app = new AppProject().With("package.json", """{ "scripts": { "build": "nest build", "start": "nest start" }, "devDependencies": { "@nestjs/cli": "11.0.0" } }""");
        var plan = app.Plan(new() { AppCommand = ["node", "dist/main.js"] });

        Assert.That(plan.Entrypoint, Is.EqualTo(new[] { "node", "dist/main.js" }));
        Assert.That(((NodeApp)plan.App).RuntimeFiles, Is.EqualTo(new[] { "package.json", "dist" }), "the folder the command points into is the build output");
    }

    [Test]
    public void Nothing_to_start_is_MSTAGE1014()
    {
        using var app = new AppProject().With("package.json", """{ "name": "lib" }""");
        Assert.That(Assert.Throws<MultiStageException>(() => app.Plan())!.Diagnostic.Code, Is.EqualTo("MSTAGE1014"));
    }
}
