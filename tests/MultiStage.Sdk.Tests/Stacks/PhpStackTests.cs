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
        Assert.That(lines.IndexOf("COPY [\"composer.json\", \"composer.lock\", \"./\"]"), Is.LessThan(lines.FindIndex(l => l.StartsWith("RUN composer install --no-dev", StringComparison.Ordinal))));
        Assert.That(lines, Does.Contain("RUN composer dump-autoload --no-dev --optimize --no-interaction --no-scripts"));

        var final = lines.Skip(lines.IndexOf("FROM php:8.2-fpm AS final")).ToList();
        Assert.That(final, Does.Contain("USER www-data").And.Contain("EXPOSE 9000").And.Contain("COPY --from=builder /app ."));
        Assert.That(final, Has.None.Contains("composer"));
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
}
