using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The PHP sample (Laravel-shaped: artisan, app/, public/, storage/, bootstrap/cache/; <c>php-laravel.proj</c> =
/// <c>&lt;Project Sdk="MultiStage.Sdk/0.1.0" /&gt;</c>), published once with a bare <c>dotnet publish</c> and
/// checked as a user would: PHP-FPM answers FastCGI on port 9000, as a web server in front of it would ask.
/// </summary>
[NonParallelizable]
public class PhpAppTests() : PublishedAppFixture("php-laravel", "php")
{
    private const int FpmPort = 9000;
    private const string AppRoot = "var/www/html";

    [Test]
    public Task The_image_is_tagged_and_its_size_is_the_engines_own_figure() => AssertTaggedWithTheEnginesSizeAsync(smallerThanBuilder: false);

    [Test]
    public void The_dockerfile_is_rendered_in_obj_multistage_for_the_php_stack() =>
        AssertRenderedInObjMultistage("composer:2", "php:8.2-fpm");

    [Test]
    public async Task Php_fpm_answers_fastcgi_on_loopback_as_www_data_and_writes_its_log()
    {
        Assert.That(Engine.IsPortFree(FpmPort), $"Port {FpmPort} is taken on this machine: the image's PHP-FPM listens on {FpmPort} and containers use the host's network. Stop what listens there (ss -ltnp 'sport = :{FpmPort}') and run the test again.");
        await using var container = await Engine.StartAsync(App.Reference);

        var answer = await FastCgi.RequestAsync(
            $"127.0.0.1:{FpmPort}",
            new Dictionary<string, string>
            {
                ["SCRIPT_FILENAME"] = $"/{AppRoot}/public/index.php",
                ["SCRIPT_NAME"] = "/index.php",
                ["REQUEST_METHOD"] = "GET",
                ["REQUEST_URI"] = "/",
                ["QUERY_STRING"] = "",
                ["SERVER_PROTOCOL"] = "HTTP/1.1",
            },
            () => Engine.IsRunningAsync(container.Id));
        var logs = await Engine.LogsAsync(container.Id);

        Assert.That(answer.ExitCode, Is.Zero, $"{answer}\ncontainer output:\n{logs}");
        Assert.That(answer.Status, Is.EqualTo(200), $"{answer}\ncontainer output:\n{logs}");
        Assert.That(answer.Body, Does.StartWith("Hello from a multi-stage PHP image, running PHP 8.2.").And.Contain(" as www-data."), answer.ToString());

        var log = await Engine.ReadFileAsync(container.Id, $"/{AppRoot}/storage/logs/app.log");
        Assert.That(log, Does.Contain("] GET /"), "storage/logs/app.log was not written");
    }

    [Test]
    public async Task The_image_holds_the_app_and_its_autoloader_but_no_composer()
    {
        var files = await ImageFiles.ReadAsync(App.Reference, $"{AppRoot}/vendor/composer/autoload_classmap.php");

        Assert.That(files.Contains($"{AppRoot}/public/index.php"), $"no public/index.php in /{AppRoot}");
        Assert.That(files.Contains($"{AppRoot}/artisan"), $"no artisan in /{AppRoot}");
        Assert.That(files.Contains($"{AppRoot}/vendor/autoload.php"), "vendor/autoload.php is missing: composer install did not run, or its output was not copied");
        Assert.That(files.TextOf($"{AppRoot}/vendor/composer/autoload_classmap.php"), Does.Contain("App\\\\Greeting"), "the autoloader is not optimized (no class map of App\\)");
        Assert.That(files.Where(f => !f.IsDirectory && f.Name is "composer" or "composer.phar"), Is.Empty, "composer is in the image");
        Assert.That(files.Where(f => ImageFiles.HasSegments(f.Path, "usr/share/php/Composer")), Is.Empty, "composer's own sources are in the image");
    }

    [Test]
    public async Task Laravels_storage_and_bootstrap_cache_are_writable_by_www_data()
    {
        var files = await ImageFiles.ReadAsync(App.Reference);

        foreach (var folder in new[] { "storage", "storage/logs", "storage/framework", "bootstrap/cache" })
        {
            var entry = files[$"{AppRoot}/{folder}"];
            Assert.That(entry, Is.Not.Null, $"no {folder}/ in /{AppRoot}");
            Assert.That(entry!.IsDirectory, $"{folder} is not a folder");
            Assert.That(entry.Uid == 33 || entry.Mode.HasFlag(UnixFileMode.OtherWrite), $"{folder}/ is owned by uid {entry.Uid} with mode {entry.Mode}: www-data (33) cannot write there");
        }
    }

    [Test]
    public async Task The_app_runs_as_www_data()
    {
        await AssertNotRootAsync();
        var (exitCode, uid) = await Engine.RunAsync(App.Reference, ["id", "-u"]);

        Assert.That(exitCode, Is.Zero, uid);
        Assert.That(uid.Trim(), Is.EqualTo("33"));
    }
}
