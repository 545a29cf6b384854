using MultiStage.Sdk.IntegrationTests.Infrastructure;

namespace MultiStage.Sdk.IntegrationTests;

/// <summary>
/// The PHP sample (Laravel-shaped: artisan, app/, public/, resources/, storage/, bootstrap/cache/, tests, and a Vite
/// front-end whose <c>build</c> writes public/build; <c>php-laravel.proj</c> = <c>&lt;Project Sdk="MultiStage.Sdk/0.1.0" /&gt;</c>),
/// with composer's auth.json and a COMPOSER_AUTH build argument holding fake passwords, published once with a bare
/// <c>dotnet publish</c> and checked as a user would: PHP-FPM answers FastCGI on port 9000, as a web server in front of it would ask.
/// </summary>
[NonParallelizable]
public class PhpAppTests() : PublishedAppFixture("php-laravel", "php")
{
    private const int FpmPort = 9000;
    private const string AppRoot = "var/www/html";
    private const string AuthPassword = "fake-auth-json-password-5b1f";
    private const string EnvironmentPassword = "fake-composer-auth-variable-93c2";

    private protected override void Prepare(TestApp app)
    {
        File.WriteAllText(app.PathOf("auth.json"), $$"""{ "http-basic": { "repo.example.com": { "username": "deploy", "password": "{{AuthPassword}}" } } }""");
        var composerAuth = $$"""{"http-basic": {"repo.example.com": {"username": "ci", "password": "{{EnvironmentPassword}}"} } }""".Replace("\"", "&quot;", StringComparison.Ordinal);
        app.Edit("php-laravel.proj", project => project.Replace(" />", $"""
            >
              <ItemGroup>
                <ContainerBuildArg Include="COMPOSER_AUTH" Value="{composerAuth}" />
              </ItemGroup>
            </Project>
            """));
    }

    [Test]
    public Task The_image_is_tagged_and_its_size_is_the_engines_own_figure() => AssertTaggedWithTheEnginesSizeAsync(smallerThanBuilder: false);

    [Test]
    public void The_dockerfile_is_rendered_in_obj_multistage_for_the_php_stack() =>
        AssertRenderedInObjMultistage("node:18-bookworm", "composer:2", "php:8.2-fpm");

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
        Assert.That(answer.Body, Does.Match(@"Script: /build/assets/app-[\w-]+\.js"), "the page does not find Vite's built script through public/build/manifest.json");

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

    [Test]
    public async Task The_image_holds_the_built_assets_and_the_views_but_no_front_end_sources_tests_or_tool_files()
    {
        var files = await ImageFiles.ReadAsync(App.Reference, $"{AppRoot}/public/build/manifest.json");
        var manifest = files.TextOf($"{AppRoot}/public/build/manifest.json");

        Assert.That(manifest, Does.Contain("\"resources/js/app.js\""), "public/build/manifest.json, which vite build writes, is missing");
        Assert.That(files.Where(f => f.Path.StartsWith($"{AppRoot}/public/build/assets/app-", StringComparison.Ordinal) && f.Path.EndsWith(".js", StringComparison.Ordinal)), Has.Count.EqualTo(1));
        Assert.That(files.Contains($"{AppRoot}/resources/views/welcome.blade.php"), "the Blade views are what runs: they must stay");
        foreach (var gone in new[] { "package.json", "package-lock.json", "vite.config.js", "resources/js", "resources/css", "tests", "phpunit.xml", ".editorconfig", ".multistage", "auth.json" })
        {
            Assert.That(files.Contains($"{AppRoot}/{gone}"), Is.False, $"{gone} is in the final image");
        }

        Assert.That(files.Where(f => ImageFiles.HasSegments(f.Path, "node_modules")), Is.Empty, "node_modules is in the image");
        Assert.That(files.Where(f => f.IsProgram && f.Name is "node" or "npm"), Is.Empty, "node is in the image");
    }

    [Test]
    public async Task No_layer_of_the_final_image_holds_auth_json_or_the_composer_auth_build_argument()
    {
        Assert.That(File.ReadAllText(App.RenderedDockerfile), Does.Contain("\"auth.json\", \"./\"]"), "the builder's composer install reads auth.json");
        var image = (await Engine.InspectAsync(App.Reference)).ID;

        Assert.That(await SecretScan.LayerPathsAsync(image), Has.None.EndsWith("auth.json"), "a layer of the final image holds a file named auth.json");
        Assert.That(await SecretScan.ImagesHoldAsync([image], AuthPassword), Is.False, "auth.json's password is in a layer or the configuration of the final image");
        Assert.That(await SecretScan.ImagesHoldAsync([image], EnvironmentPassword), Is.False, "the COMPOSER_AUTH build argument's password is in the final image");
        Assert.That((await Engine.HistoryAsync(App.Reference)).Select(h => h.CreatedBy), Has.None.Contains(EnvironmentPassword).And.None.Contains("COMPOSER_AUTH"));
    }

    [Test]
    public async Task Php_ini_production_and_opcache_are_in_effect()
    {
        var (exitCode, cli) = await Engine.RunAsync(App.Reference,
            ["php", "-r", "echo realpath(php_ini_loaded_file()), ' ', ini_get('zend.exception_ignore_args'), ' ', ini_get('display_errors') === '' ? 'off' : 'on', ' ', extension_loaded('Zend OPcache') ? 'opcache' : 'no-opcache';"]);
        Assert.That(exitCode, Is.Zero, cli);
        Assert.That(cli.Trim(), Is.EqualTo("/usr/local/etc/php/php.ini 1 off opcache"), "php.ini is not php.ini-production, or opcache is not loaded");

        var (fpmExit, fpm) = await Engine.RunAsync(App.Reference, ["php-fpm", "-i"]);
        Assert.That(fpmExit, Is.Zero, fpm);
        Assert.That(fpm, Does.Contain("opcache.enable => On => On"), "PHP-FPM runs without opcache");
        Assert.That(fpm, Does.Contain("zend.exception_ignore_args => On => On").And.Contain("display_errors => Off => Off"), "PHP-FPM does not read php.ini-production");
    }
}
