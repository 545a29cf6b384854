using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Stacks;

/// <summary>What the final stage takes of a built Node app: package.json and the build output the start command needs.</summary>
public class NodeRuntimeFilesTests
{
    private static IReadOnlyList<string> RuntimeFiles(AppProject app) => ((NodeApp)app.Plan().App).RuntimeFiles;

    [Test]
    public void A_nest_app_takes_tsconfigs_outDir()
    {
        using var app = new AppProject()
            .With("package.json", """{ "scripts": { "build": "nest build", "start": "nest start", "start:prod": "node dist/main" }, "devDependencies": { "@nestjs/cli": "11.0.0" } }""")
            .With("tsconfig.build.json", """{ "extends": "./tsconfig.json", "exclude": ["node_modules", "test", "dist", "**/*spec.ts"] }""")
            .With("tsconfig.json", """
                {
                  // As the Nest starter has it: comments and a trailing comma.
                  "compilerOptions": { "module": "commonjs", "outDir": "./dist", "baseUrl": "./", },
                }
                """);

        Assert.That(RuntimeFiles(app), Is.EqualTo(new[] { "package.json", "dist" }));
    }

    [Test]
    public void The_folder_the_start_command_points_into_is_taken_when_tsconfig_names_none()
    {
        using var app = new AppProject().With("package.json", """{ "scripts": { "build": "babel src -d lib", "start": "node lib/index.js" } }""");
        Assert.That(RuntimeFiles(app), Is.EqualTo(new[] { "package.json", "lib" }));
    }

    [Test]
    public void A_next_app_takes_next_its_public_folder_its_config_and_a_custom_server()
    {
        using var app = new AppProject()
            .With("package.json", """{ "scripts": { "build": "next build", "start": "node server.js" }, "dependencies": { "next": "15.0.0" } }""")
            .With("tsconfig.json", """{ "compilerOptions": { "noEmit": true } }""")
            .With("server.js").With("public/favicon.ico").With("next.config.mjs");

        Assert.That(RuntimeFiles(app), Is.EqualTo(new[] { "package.json", ".next", "next.config.mjs", "public", "server.js" }));
        Assert.That(app.Render(), Does.Contain("RUN rm -rf .next/cache"), "the build cache would reach the image with .next/");
    }

    [TestCase("nuxt", "nuxt start", ".output")]
    [TestCase("@remix-run/serve", "remix-serve build/index.js", "build")]
    [TestCase("@react-router/serve", "react-router-serve ./build/server/index.js", "build")]
    public void A_frameworks_build_folder_is_taken(string package, string start, string folder)
    {
        using var app = new AppProject().With("package.json", $$"""{ "scripts": { "build": "x build", "start": "{{start}}" }, "dependencies": { "{{package}}": "1.0.0" } }""");
        Assert.That(RuntimeFiles(app), Is.EqualTo(new[] { "package.json", folder }));
    }

    [Test]
    public void A_main_the_start_does_not_run_is_not_taken_and_a_root_entry_file_only_when_it_is_a_source()
    {
        using var app = new AppProject()
            .With("package.json", """{ "main": "index.js", "scripts": { "build": "tsc", "start:prod": "node dist/main" } }""")
            .With("tsconfig.json", """{ "compilerOptions": { "outDir": "dist" } }""");

        Assert.That(RuntimeFiles(app), Is.EqualTo(new[] { "package.json", "dist" }));
    }

    [Test]
    public void Node_dot_runs_main()
    {
        using var app = new AppProject().With("package.json", """{ "main": "out/index.js", "scripts": { "build": "esbuild", "start": "node ." } }""");
        Assert.That(RuntimeFiles(app), Is.EqualTo(new[] { "package.json", "out" }));
    }

    [Test]
    public void A_main_that_is_the_start_is_taken()
    {
        using var app = new AppProject().With("package.json", """{ "main": "build/server.js", "scripts": { "build": "rollup -c" } }""");
        Assert.That(RuntimeFiles(app), Is.EqualTo(new[] { "package.json", "build" }));
    }

    [Test]
    public void A_lone_entry_file_at_the_root_says_nothing_of_the_output_so_the_whole_app_is_taken()
    {
        using var app = new AppProject().With("package.json", """{ "main": "index.js", "scripts": { "build": "webpack" } }""");
        Assert.That(RuntimeFiles(app), Is.Empty);
    }

    [TestCase("./build/", "build")]
    [TestCase("out/js", "out")]
    [TestCase("../elsewhere", null)]
    [TestCase(".", null)]
    public void OutDir_is_a_folder_inside_the_app(string outDir, string? folder)
    {
        using var app = new AppProject().With("tsconfig.json", $$"""{ "compilerOptions": { "outDir": "{{outDir}}" } }""");
        Assert.That(NodeRuntimeFiles.OutDir(app.Directory), Is.EqualTo(folder));
    }
}
