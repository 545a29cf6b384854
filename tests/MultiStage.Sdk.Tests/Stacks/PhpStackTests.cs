using MultiStage.Sdk.Reporting;
using MultiStage.Sdk.Stacks;

namespace MultiStage.Sdk.Tests.Stacks;

public class PhpStackTests
{
    private const string Composer = """{ "require": { "php": "^8.2" }, "autoload": { "psr-4": { "App\\": "app/" } } }""";

    [Test]
    public void Composer_installs_without_dev_dependencies_and_the_runtime_is_php_fpm_as_www_data()
    {
        using var app = new AppProject().With("composer.json", Composer).With("composer.lock", "{}").With("public/index.php");
        var lines = app.Render().ToList();

        Assert.That(lines, Does.Contain("FROM composer:2 AS builder").And.Contain("FROM php:8.2-fpm AS final"));
        var install = lines.Find(l => l.StartsWith("RUN composer install --no-dev", StringComparison.Ordinal));
        Assert.That(install, Is.Not.Null, "no composer install step");
        LineOrder.AssertInOrder(lines, "COPY [\"composer.json\", \"composer.lock\", \"./\"]", install!, "RUN composer dump-autoload --no-dev --optimize --no-interaction --no-scripts");

        var final = lines.Skip(lines.IndexOf("FROM php:8.2-fpm AS final")).ToList();
        Assert.That(final, Does.Contain("USER www-data").And.Contain("EXPOSE 9000").And.Contain("COPY --from=builder /app ."));
        Assert.That(final, Has.None.Contains("composer").And.None.Contains("COPY . ."), "the final image takes the builder's cleaned /app only");
        Assert.That(final, Has.Some.Contains("/var/www/html/public"));
        Assert.That(final[^1], Is.EqualTo("ENTRYPOINT [\"php-fpm\"]"));
    }

    [Test]
    public void Laravel_is_detected_by_artisan_and_its_writable_folders_belong_to_the_runtime_user()
    {
        using var app = new AppProject().With("composer.json", Composer).With("artisan", "<?php");
        var plan = app.Plan();
        var lines = app.Render();

        Assert.That(((PhpApp)plan.App).Laravel, Is.True);
        Assert.That(lines, Has.Some.Contains("chown -R www-data storage bootstrap/cache"));
    }

    [Test]
    public void Without_artisan_nothing_is_chowned()
    {
        using var app = new AppProject().With("composer.json", Composer);
        Assert.That(app.Render(), Has.None.Contains("chown"));
    }

    [Test]
    public void The_apache_variant_serves_public_on_8080()
    {
        using var app = new AppProject().With("composer.json", Composer).With("public/index.php");
        var lines = app.Render(new ContainerOptions { PhpRuntime = "apache" });

        Assert.That(lines, Does.Contain("FROM php:8.2-apache AS final").And.Contain("EXPOSE 8080").And.Contain("ENV APACHE_DOCUMENT_ROOT=/var/www/html/public"));
        Assert.That(lines[^1], Is.EqualTo("ENTRYPOINT [\"apache2-foreground\"]"));
    }

    [Test]
    public void The_cli_variant_starts_the_composer_bin_and_exposes_nothing()
    {
        using var app = new AppProject().With("composer.json", """{ "require": { "php": ">=8.3" }, "bin": ["bin/worker"] }""");
        var lines = app.Render(new ContainerOptions { PhpRuntime = "cli" });

        Assert.That(lines, Does.Contain("FROM php:8.3-cli AS final").And.Not.Contain("EXPOSE"));
        Assert.That(lines[^1], Is.EqualTo("ENTRYPOINT [\"php\", \"bin/worker\"]"));
    }

    [Test]
    public void An_unknown_runtime_is_MSTAGE1017()
    {
        using var app = new AppProject().With("composer.json", Composer);
        Assert.That(Assert.Throws<MultiStageException>(() => app.Plan(new ContainerOptions { PhpRuntime = "nginx" }))!.Diagnostic.Code, Is.EqualTo("MSTAGE1017"));
    }

    private const string Laravel = """{ "require": { "php": "^8.2", "laravel/framework": "^11.0" } }""";
    private const string ViteApp = """{ "private": true, "engines": { "node": ">=18" }, "scripts": { "build": "vite build" }, "devDependencies": { "vite": "^5.4.0" } }""";

    [Test]
    public void The_front_end_is_built_in_a_node_stage_with_the_node_package_manager_and_only_its_output_is_taken()
    {
        using var app = new AppProject().With("composer.json", Laravel).With("package.json", ViteApp).With("package-lock.json", "{}")
            .With("vite.config.js", "export default {}").With("resources/js/app.js").With("resources/views/welcome.blade.php");
        var lines = app.Render().ToList();
        var assets = ((PhpApp)app.Plan().App).Assets!;

        Assert.That(assets.Output, Is.EqualTo("public/build"));
        Assert.That(lines, Does.Contain("FROM node:18-bookworm AS assets"));
        LineOrder.AssertInOrder(lines, "COPY [\"package.json\", \"package-lock.json\", \"./\"]", "RUN npm ci", "RUN npm run build");
        Assert.That(lines, Does.Contain("COPY --from=assets /app/public/build public/build"));
        Assert.That(lines.Count(l => l.Contains("--from=assets", StringComparison.Ordinal)), Is.EqualTo(1), "nothing else of the node stage, node_modules least of all");

        var removal = lines.Single(l => l.StartsWith("RUN rm -rf ", StringComparison.Ordinal));
        Assert.That(removal.Split(' '), Is.SupersetOf(new[] { "package.json", "package-lock.json", "vite.config.js", "resources/js", ".multistage" }));
        Assert.That(removal, Does.Not.Contain("resources/views"), "Blade views are what runs");
        Assert.That(lines[0], Is.EqualTo("# Rendered by MultiStage.Sdk (Laravel app, fpm, front-end assets built with npm): built in composer:2 and node:18-bookworm, runs on php:8.2-fpm."));
        Assert.That(File.ReadAllLines(Path.Combine(app.Directory, "obj", "multistage", ".dockerignore")), Does.Contain("public/build").And.Contain("public/hot"));
    }

    [Test]
    public void Vites_build_directory_and_encores_output_path_are_the_folder_taken()
    {
        using var vite = new AppProject().With("composer.json", Laravel).With("package.json", ViteApp)
            .With("vite.config.ts", "export default defineConfig({ plugins: [laravel({ input: ['resources/js/app.ts'], buildDirectory: 'assets/' })] });");
        using var encore = new AppProject().With("composer.json", """{ "require": { "symfony/framework-bundle": "7.1.*" } }""").With("package.json", ViteApp)
            .With("webpack.config.js", "Encore.setOutputPath('public/bundle/').setPublicPath('/bundle');");

        Assert.That(((PhpApp)vite.Plan().App).Assets!.Output, Is.EqualTo("public/assets"));
        Assert.That(((PhpApp)encore.Plan().App).Assets!.Output, Is.EqualTo("public/bundle"));
    }

    [Test]
    public void Without_a_build_script_there_is_no_node_stage_and_the_front_end_sources_stay()
    {
        using var app = new AppProject().With("composer.json", Laravel).With("package.json", """{ "private": true }""").With("resources/js/app.js");
        var lines = app.Render();

        Assert.That(lines, Has.None.Contains("AS assets").And.None.Contains("node:"));
        Assert.That(lines.Single(l => l.StartsWith("RUN rm -rf ", StringComparison.Ordinal)), Does.Contain("package.json").And.Not.Contain("resources/js"));
    }

    [Test]
    public void Tests_and_tool_configuration_are_removed_and_credential_files_are_found_in_every_folder_but_vendor()
    {
        using var app = new AppProject().With("composer.json", Composer).With("auth.json", "{}").With("tests/Unit/ExampleTest.php").With("phpunit.xml")
            .With(".editorconfig").With("config/app.php");
        var lines = app.Render(new ContainerOptions { SecretFiles = ["config/credentials.json"] }).ToList();

        Assert.That(lines, Does.Contain("COPY [\"composer.json\", \"auth.json\", \"./\"]"), "composer reads auth.json for private repositories");
        Assert.That(lines, Does.Contain("RUN rm -rf tests phpunit.xml .editorconfig .multistage \\"));
        var find = lines[lines.FindIndex(l => l.StartsWith("RUN rm -rf ", StringComparison.Ordinal)) + 1];
        Assert.That(find, Does.StartWith("    && find . -path ./vendor -prune -o \\( "));
        Assert.That(find, Does.Contain("-name \"auth.json\"").And.Contain("-name \".netrc\"").And.Contain("-path \"./config/credentials.json\""));
        Assert.That(lines, Has.None.Contains("config/app.php"));
    }

    [Test]
    public void The_final_image_runs_with_php_ini_production_and_opcache()
    {
        using var app = new AppProject().With("composer.json", Composer);
        var final = app.Render().SkipWhile(l => !l.EndsWith(" AS final", StringComparison.Ordinal)).ToList();

        Assert.That(final, Does.Contain("RUN cp \"$PHP_INI_DIR/php.ini-production\" \"$PHP_INI_DIR/php.ini\" \\"));
        Assert.That(final, Has.Some.Contains("zend_extension=opcache"));
    }

    [Test]
    public void Laravel_is_also_detected_by_laravel_framework_in_require()
    {
        using var app = new AppProject().With("composer.json", Laravel);
        Assert.That(((PhpApp)app.Plan().App).Laravel, Is.True);
    }

    [Test]
    public void A_symfony_apps_var_folder_belongs_to_the_runtime_user()
    {
        using var app = new AppProject().With("composer.json", """{ "require": { "symfony/framework-bundle": "7.1.*" } }""").With("bin/console", "<?php");
        var lines = app.Render();

        Assert.That(((PhpApp)app.Plan().App).Framework, Is.EqualTo("Symfony"));
        Assert.That(lines, Does.Contain("RUN mkdir -p var/cache var/log && chown -R www-data var").And.None.Contains("bootstrap/cache"));
    }

    [Test]
    public void A_pnpm_front_end_is_installed_and_built_with_pnpm_through_corepack()
    {
        using var app = new AppProject().With("composer.json", Laravel).With("package.json", ViteApp).With("pnpm-lock.yaml", "lockfileVersion: '9.0'\n");
        var assets = app.Render().SkipWhile(l => l != "FROM node:18-bookworm AS assets").TakeWhile(l => l.Length > 0).ToList();

        Assert.That(assets, Does.Contain("RUN corepack enable").And.Contain("COPY [\"package.json\", \"pnpm-lock.yaml\", \"./\"]"));
        Assert.That(assets, Does.Contain("RUN pnpm install --frozen-lockfile").And.Contain("RUN pnpm run build"));
    }

    [Test]
    public void An_auth_json_the_users_dockerignore_leaves_out_is_not_copied()
    {
        using var app = new AppProject().With("composer.json", Composer).With("auth.json", "{}").With(".dockerignore", "auth.json\n");
        var lines = app.Render(new ContainerOptions { BuildArgs = ["COMPOSER_AUTH"] });

        Assert.That(lines, Does.Contain("COPY [\"composer.json\", \"./\"]").And.Contain("ARG COMPOSER_AUTH"));
        Assert.That(lines, Has.None.Contains("composer reads it here"));
    }
}
