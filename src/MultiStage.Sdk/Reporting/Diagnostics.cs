using MultiStage.Sdk.Context;

namespace MultiStage.Sdk.Reporting;

// Each factory's name says when it is raised and its message is its documentation.
#pragma warning disable CS1591

/// <summary>
/// Every MSTAGE code and its message, in one place. 1xxx configuration and input, 2xxx templates,
/// 3xxx engine connection, 4xxx build, 5xxx size, report, push. Each message says what to do next.
/// </summary>
public static class Diagnostics
{
    public static Diagnostic InvalidRepository(string value) => new("MSTAGE1001",
        $"ContainerRepository '{value}' is not a valid image repository name. Use lower-case letters, digits and the separators '.', '_', '__', '-' between them, with '/' between path parts (for example 'myteam/my-app'); set <ContainerRepository> in the project file or pass -p:ContainerRepository=….");

    public static Diagnostic InvalidTag(string value) => new("MSTAGE1002",
        $"Image tag '{value}' is not valid. A tag is 1 to 128 characters of letters, digits, '_', '.' and '-', and does not start with '.' or '-'; fix ContainerImageTag or ContainerImageTags.");

    public static Diagnostic UnknownStack(string value, IEnumerable<string> known) => new("MSTAGE1003",
        $"MultiStageStack '{value}' is not a stack this package knows. Use one of: auto, {string.Join(", ", known)}.");

    public static Diagnostic NoStackDetected(string projectDirectory) => new("MSTAGE1004",
        $"No stack was recognised in '{projectDirectory}': it has no .NET project file, package.json, go.mod or composer.json. Add the app's manifest, or set MultiStageStack.");

    public static Diagnostic MissingTargetFramework(string project) => new("MSTAGE1005",
        $"'{project}' has no single TargetFramework to containerize. Publish one framework with -f <tfm> (for example -f net10.0).");

    public static Diagnostic UnsupportedTargetFramework(string tfm) => new("MSTAGE1006",
        $"TargetFramework '{tfm}' has no .NET container images. Target net8.0 or later, or set ContainerBaseImage and ContainerBuilderImage to images that fit it.");

    public static Diagnostic InvalidImageReference(string property, string value) => new("MSTAGE1007",
        $"{property} '{value}' is not a valid image reference (expected [registry/]repository[:tag][@digest]). Fix the property or remove it to use the default.");

    public static Diagnostic InvalidPort(string value) => new("MSTAGE1008",
        $"ContainerPort '{value}' is not a port. Use a number from 1 to 65535, with Type 'tcp' (the default) or 'udp'.");

    public static Diagnostic ManifestMissing(string stack, string file, string directory) => new("MSTAGE1013",
        $"MultiStageStack is '{stack}' but '{file}' was not found in '{directory}'. Add it, or set MultiStageStack to the app's stack (or remove it to detect the stack).");

    public static Diagnostic NodeStartUnknown(string manifest) => new("MSTAGE1014",
        "package.json has no 'start' script and no 'main', so there is nothing to start. Add \"start\": \"node <file>\" to its scripts, or a \"main\" entry.", manifest);

    public static Diagnostic NodeStartNeedsDevDependency(string manifest, string script, string command, string program, string package) => new("MSTAGE1034",
        $"package.json's '{script}' script ({command}) runs '{program}', which comes from '{package}', a devDependency: the final image installs production dependencies only, so the container would stop at once. Add a \"start:prod\" script that runs the built app (for example \"node dist/main\"), set ContainerAppCommand to the command that starts it, or move '{package}' to dependencies.", manifest);

    public static Diagnostic InvalidAppFile(string path, string reason) => new("MSTAGE1035",
        $"ContainerAppFile '{path}' {reason}. Name a file or folder inside the app's folder, relative to it (for example 'views' or 'config/default.json').");

    public static Diagnostic GoMainAmbiguous(string directory, IEnumerable<string> candidates) => new("MSTAGE1015",
        $"'{directory}' has several main packages ({string.Join(", ", candidates)}). Choose one with <MultiStageGoMain>cmd/name</MultiStageGoMain>.");

    public static Diagnostic GoMainMissing(string directory, string? requested) => new("MSTAGE1016",
        requested is null
            ? $"No main package was found in '{directory}' (looked at its root and at cmd/<name>/). Set MultiStageGoMain to the folder of the main package."
            : $"MultiStageGoMain '{requested}' is not a folder with a main package under '{directory}'. Point it at the folder that holds 'package main', for example cmd/server.");

    public static Diagnostic StackAmbiguous(string directory, IEnumerable<string> manifests) => new("MSTAGE1038",
        $"'{directory}' has {string.Join(" and ", manifests)}, and nothing tells which app it is (a Laravel app has an artisan file or requires laravel/framework, a Symfony app requires symfony/framework-bundle: those are PHP apps whose package.json builds their front-end). Set <MultiStageStack> in the project file to the app's stack (node, go or php).");

    public static Diagnostic GoWorkspace(string goWork) => new("MSTAGE1039",
        $"The module is part of the go.work workspace '{goWork}', which is in the build context; the image is built from this one module, and a workspace's other modules are not in it. Build the module on its own, without the workspace (its go.mod must then reach every module it needs through require and replace lines): add <ContainerBuildArg Include=\"GOWORK\" Value=\"off\" /> to the project file, or move go.work above the context folder.", goWork);

    public static Diagnostic UnknownBuilder(string value) => new("MSTAGE1049",
        $"MultiStageBuilder '{value}' is not known. Use auto (the default), buildkit or classic.");

    public static Diagnostic UnknownPhpRuntime(string value) => new("MSTAGE1017",
        $"MultiStagePhpRuntime '{value}' is not known. Use fpm (the default), apache or cli.");

    public static Diagnostic ManifestInvalid(string file, int line, string reason) => new("MSTAGE1018",
        $"'{Path.GetFileName(file)}' could not be read: {reason}. Fix the file.", file, line);

    public static Diagnostic PackageNotCarried(string id, string version, string source, string packageFile) => new("MSTAGE1020",
        $"The package {id} {version} came from {source}, which the builder stage cannot download from, and its .nupkg is not at '{packageFile}' to be carried into the build context. Restore again so NuGet puts the package in its packages folder (for example: dotnet restore --force), or build from the publish (MultiStageBuildFrom=publish), which needs no restore in the engine.");

    public static Diagnostic RestoreOutputMissing(string assetsFile) => new("MSTAGE1032",
        $"The builder's feeds are worked out from this machine's restore, but '{assetsFile}' or the dependency-graph spec beside it is missing. Publish with restore (leave out --no-restore), or restore the project first.");

    public static Diagnostic RestoreOutputUnreadable(string file, string reason) => new("MSTAGE1033",
        $"NuGet's restore output '{file}' could not be read: {reason}. Restore the project again (dotnet restore --force).", file);

    public static Diagnostic InvalidSecretFile(string value) => new("MSTAGE1046",
        $"ContainerSecretFile '{value}' is not a file in the build context. Give a path relative to the context folder, without '..' or wildcards (for example 'config/credentials.json'); a bare name such as '.pypirc' matches in every folder.");

    public static Diagnostic InvalidSmokeTestSetting(string property, string value, string expected) => new("MSTAGE1047",
        $"{property} '{value}' is not valid: use {expected}.");

    public static Diagnostic LegacyImageName(string imageName, string? repository) => new("MSTAGE1048", repository is null
        ? $"ContainerImageName is the old name of ContainerRepository, as in SDK containers: the image is named '{imageName}'. Set ContainerRepository instead."
        : $"ContainerImageName ('{imageName}') is the old name of ContainerRepository, and ContainerRepository ('{repository}') is set, so it is not used. Remove ContainerImageName.");

    public static Diagnostic OsPackagesNeedPackageManager(string image, IEnumerable<string> packages) => new("MSTAGE1022",
        $"ContainerOsPackage ({string.Join(", ", packages)}) needs a package manager in the runtime image, but '{image}' has none (chiseled and distroless images have no shell and no package manager). Use a ContainerFamily that is not chiseled, or a ContainerBaseImage with apt or apk; if this image does have one, set ContainerOsPackageManager to apt or apk.");

    public static Diagnostic InvalidOsPackage(string value, string packageManager) => new("MSTAGE1023",
        $"ContainerOsPackage '{value}' is not a valid {packageManager} package name and version. Use the package's name as {packageManager} knows it ({(packageManager == "apk" ? "letters, digits and '.', '+', '-', '_'" : "lower-case letters, digits and '.', '+', '-'")}), with an optional Version metadata of the same kind (for example Version=\"1.2.3-1\").");

    public static Diagnostic UnknownOsPackageManager(string value) => new("MSTAGE1024",
        $"ContainerOsPackageManager '{value}' is not known. Use apt (Debian, Ubuntu) or apk (Alpine), or remove it to choose by the runtime image's name.");

    public static Diagnostic InvalidImageMetadata(string item, string name) => new("MSTAGE1028",
        $"The {item} '{name}' cannot be written into the Dockerfile: a name is letters, digits, '_', '.', '-' (and '/' in a label key), and a value is one line. Fix the item.");

    public static Diagnostic InvalidBuildArg(string name) => new("MSTAGE1025",
        $"ContainerBuildArg '{name}' is not a valid build argument name. Use letters, digits and '_', not starting with a digit (for example FEED_TOKEN).");

    public static Diagnostic InvalidHealthCheck(string property, string value, string expected) => new("MSTAGE1026",
        $"{property} '{value}' is not valid: {expected}. Fix the property or remove it.");

    public static Diagnostic HealthCheckNeedsShell(string image) => new("MSTAGE1027",
        $"ContainerHealthCheck is a shell command, but the runtime image '{image}' has no shell (chiseled and distroless images have none). Write it as a JSON array that runs a program directly (for example [\"/app/healthcheck\"]), or use a runtime image with a shell.");

    public static Diagnostic InvalidSizeLimit(string value) => new("MSTAGE1021",
        $"ContainerImageSizeLimit '{value}' is not a size. Give a number of bytes (150000000) or a number with a unit: kB, MB, GB, TB, 1000-based as docker images prints sizes (150MB, 1.2GB), or KiB, MiB, GiB, TiB, 1024-based (512MiB).");

    public static Diagnostic InvalidBuildFrom(string value) => new("MSTAGE1029",
        $"MultiStageBuildFrom '{value}' is not a way to build a .NET app's image. Use publish (the default: the image is made from this publish's output) or source (a builder stage restores and compiles the sources in the SDK image).");

    public static Diagnostic PublishNotForLinux(string runtimeIdentifier, string containerRuntimeIdentifier) => new("MSTAGE1030",
        $"The publish is for {runtimeIdentifier}, which a Linux container cannot run. Publish with dotnet publish, which publishes for ContainerRuntimeIdentifier ({containerRuntimeIdentifier}) when it containerizes, set RuntimeIdentifier to {containerRuntimeIdentifier}, or build in the builder stage with -p:MultiStageBuildFrom=source.");

    public static Diagnostic TargetStageMissing(string target, string dockerfile, IEnumerable<string> stages) => new("MSTAGE1031",
        $"MultiStageTarget '{target}' names no stage of the Dockerfile, whose stages are {string.Join(", ", stages)}. Name one of them{(target == "builder" ? ", or build from the sources with -p:MultiStageBuildFrom=source, which has a builder stage" : "")}.", dockerfile);

    public static Diagnostic InvalidDockerIgnorePattern(string file, int line, string pattern, string reason) => new("MSTAGE1010",
        $"The .dockerignore pattern '{pattern}' is not valid ({reason}). Fix or remove that line.", file, line);

    public static Diagnostic ContextDirectoryMissing(string directory) => new("MSTAGE1011",
        $"The build context directory '{directory}' does not exist. Set MultiStageContextDirectory to an existing folder, or remove it to use the project folder.");

    public static Diagnostic PublishOutputMissing(string? directory) => new("MSTAGE1011",
        $"The publish output {(directory is null ? "(PublishDir)" : $"'{directory}'")} the image is made from does not exist. Publish again without removing it (and without -p:NoBuild=true on a clean tree), or build from the sources with MultiStageBuildFrom=source.");

    public static Diagnostic ContextUnreadable(string directory, string reason) => new("MSTAGE1012",
        $"The build context '{directory}' could not be read: {reason}. Fix the file's permissions, or leave it out of the context with a line in .dockerignore.");

    public static Diagnostic ContextUnreadable(ContextFile file, string reason) => new("MSTAGE1012",
        $"The file '{file.Source}', sent in the build context as '{file.Path}', could not be read: {reason}. Check that it exists and can be read; if a publish or a restore made it, run that again.");

    public static Diagnostic TemplateNotFound(string path) => new("MSTAGE2001",
        $"The template '{path}' was not found. Reinstall the MultiStage.Sdk package, or point MultiStageTemplate at an existing file.", path);

    public static Diagnostic TemplateError(string file, int line, int column, string message) => new("MSTAGE2002",
        $"The template could not be rendered: {message.TrimEnd('.')}. Fix the template at this line.", file, line, column);

    public static Diagnostic EjectWouldOverwrite(IEnumerable<string> files) => new("MSTAGE2003",
        $"Eject would overwrite {string.Join(" and ", files.Select(f => $"'{f}'"))}, which you already have. Move or delete it, or run again with -p:MultiStageEjectForce=true to replace it.", files.First());

    public static Diagnostic DockerfileNotFound(string path) => new("MSTAGE2004",
        $"MultiStageDockerfile names '{path}', which does not exist. Point it at your Dockerfile, or remove it to build the rendered one.");

    public static Diagnostic PlanUnreadable(string path, string reason) => new("MSTAGE2005",
        $"The build plan '{path}' that the render wrote could not be read ({reason}). Publish again: the render writes it anew.", path);

    public static Diagnostic EngineUnreachable(string endpoint, string origin, string reason) => new("MSTAGE3001",
        $"No Docker engine answered at '{endpoint}' (from {origin}): {reason}. Start Docker, or point DOCKER_HOST, the current Docker context or MultiStageDockerHost at a running engine; -p:MultiStageBuildImage=false renders the Dockerfile without an engine.");

    public static Diagnostic EngineConfigurationInvalid(string reason) => new("MSTAGE3002",
        $"The Docker engine endpoint could not be determined: {reason}. Check MultiStageDockerHost, DOCKER_HOST, DOCKER_CONTEXT and the docker config folder (DOCKER_CONFIG, else ~/.docker).");

    public static Diagnostic ContextNotFound(string name, string origin, string metaFile) => new("MSTAGE3003",
        $"The Docker context '{name}' named by {origin} does not exist ('{metaFile}' is missing). Create it with 'docker context create', choose another with DOCKER_CONTEXT or 'docker context use', or set DOCKER_HOST.");

    public static Diagnostic TlsMaterialInvalid(string file, string origin, string reason) => new("MSTAGE3004",
        $"The TLS file '{file}' for the engine (from {origin}) cannot be used: {reason}. Put ca.pem, cert.pem and key.pem (PEM, the key unencrypted) in DOCKER_CERT_PATH (else the docker config folder), or in the context's TLS store ('docker context create --docker ca=…,cert=…,key=…').");

    public static Diagnostic EngineTlsFailed(string endpoint, string origin, string reason, string check) => new("MSTAGE3005",
        $"The TLS handshake with the engine at '{endpoint}' (from {origin}) failed: {reason}. Check {check}.");

    public static Diagnostic DockerConfigUnreadable(string file, string reason) => new("MSTAGE3007",
        $"The docker CLI's settings '{file}' could not be read ({reason}); the engine is looked for without its currentContext, as the docker CLI does. Fix or remove the file.");

    public static Diagnostic SshEngineNotSupported(string endpoint, string origin) => new("MSTAGE3006",
        $"The engine address '{endpoint}' (from {origin}) is an ssh:// endpoint, which this package cannot reach. Forward the engine's socket (ssh -L /tmp/docker.sock:/var/run/docker.sock host) and set DOCKER_HOST=unix:///tmp/docker.sock, or use a tcp:// endpoint with TLS.");

    public static Diagnostic BuildStepFailed(string dockerfile, int line, string step, string engineMessage, bool printedOutput) => new("MSTAGE4001",
        $"The image build failed at '{step}': {engineMessage}.{(printedOutput ? " That step's output is above." : " The step printed nothing.")}", dockerfile, line);

    public static Diagnostic BaseImageUnavailable(string dockerfile, int line, string image, string engineMessage) => new("MSTAGE4009",
        $"The base image '{image}' is not on the engine and could not be pulled: {engineMessage}. Check the image's name and tag (ContainerBaseImage, ContainerBuilderImage, or this FROM line), that the engine can reach its registry, and, for a private registry, that you are logged in to it (docker login).", dockerfile, line);

    // Printed by the .NET template's own check in the builder (DotNetApp.AotBuilderCheck) and read back from the
    // build output at that step's line: see BuildProgress.Reported.
    public static Diagnostic AotBuilderMissing() => new("MSTAGE4005",
        "the builder image has no clang or zlib, which Native AOT needs. Use an -aot SDK image as ContainerBuilderImage, or publish without PublishAot.");

    // Raised by build/MultiStage.Sdk.targets itself, where the tasks cannot load; TargetsDiagnosticsTests keeps the two texts the same.
    public static Diagnostic MSBuildTooOld(string version) => new("MSTAGE1019",
        $"MultiStage.Sdk's tasks run on .NET, which this MSBuild {version} on .NET Framework cannot host. Use Visual Studio 2026 (MSBuild 18) or later, or publish with the .NET SDK: dotnet publish -p:ContainerizeMultiStage=true.");

    public static Diagnostic BuildFailed(string dockerfile, string engineMessage) => new("MSTAGE4002",
        $"The image build failed: {engineMessage}.", dockerfile);

    public static Diagnostic BuildProducedNoImage(string dockerfile) => new("MSTAGE4003",
        "The engine finished the build without reporting an image. Run the publish again with -v:d to see the engine's output.", dockerfile);

    public static Diagnostic Unexpected(Exception e) => new("MSTAGE4999",
        $"MultiStage.Sdk failed unexpectedly: {e.GetType().Name}: {e.Message}. Run the publish again with -v:d and report the output to the MultiStage.Sdk maintainers.");

    public static Diagnostic EngineLostDuringBuild(string endpoint, string reason) => new("MSTAGE4004",
        $"The connection to the Docker engine at '{endpoint}' was lost during the build ({reason}). Check that the engine is still running and publish again.");

    public static Diagnostic PlatformMismatch(string runtimeIdentifier, string engineArchitecture) => new("MSTAGE4006",
        $"The app is published for {runtimeIdentifier}, but the engine runs {engineArchitecture} images. Set ContainerRuntimeIdentifier to linux-{(engineArchitecture == "amd64" ? "x64" : engineArchitecture)} (or point DOCKER_HOST at an engine of that architecture) and publish again.");

    public static Diagnostic SmokeTestExited(string image, long exitCode, double seconds, int waited, string logTail) => new("MSTAGE4007",
        $"The smoke check started {image} and it exited with code {exitCode} after {seconds:0.0} s, before the {waited} s the check waits: the image is built but would not stay up. " +
        (logTail.Length > 0 ? $"Its last log lines:{Environment.NewLine}{logTail}{Environment.NewLine}" : "It printed nothing. ") +
        "Fix the app's start (ContainerAppCommand sets the command), or set MultiStageSmokeTest=false for an image that is meant to exit, such as a one-shot job.");

    public static Diagnostic SmokeTestFailed(string image, string reason) => new("MSTAGE4008",
        $"The smoke check could not run {image}: {reason}. Check that the engine can start containers (docker run {image}), or set MultiStageSmokeTest=false.");

    public static Diagnostic ImageOverSizeLimit(string image, long size, long limit, string? baseImage, long? baseSize, IReadOnlyList<ImageLayer> largest) => new("MSTAGE5001",
        $"The image '{image}' is {ByteSize.Format(size)} ({size} bytes), over ContainerImageSizeLimit {ByteSize.Format(limit)} ({limit} bytes)."
        + (baseImage is not null && baseSize is { } b ? $" Its base image {baseImage} is {ByteSize.Format(b)}." : "")
        + (largest.Count > 0 ? $" The largest layers this build added: {string.Join("; ", largest.Select(l => $"{ByteSize.Format(l.Size)} {SizeTable.Shorten(l.Instruction)}"))}." : "")
        + $" The image stays tagged so you can inspect it (docker history {image})."
        + " Raise ContainerImageSizeLimit, or make the image smaller: a smaller base (ContainerFamily, for example alpine or noble-chiseled, or ContainerBaseImage), PublishTrimmed or PublishAot (whose images start from runtime-deps), or fewer files in the layers this build adds.");
    public static Diagnostic InvalidRegistry(string value) => new("MSTAGE5002",
        $"ContainerRegistry '{value}' is not a registry host. Give the host and an optional port, without a scheme or path (for example 'registry.example.com' or '127.0.0.1:5000'); a host without a '.' or ':' must be 'localhost'.");

    public static Diagnostic RegistryUnreachable(string registry, string reason) => new("MSTAGE5003",
        $"The registry '{registry}' could not be reached by the Docker engine ({reason}). Check that ContainerRegistry names a running registry and that the engine's host can reach it; a registry on plain HTTP other than 127.0.0.0/8 must be in the engine's insecure-registries.");

    public static Diagnostic RegistryAuthenticationFailed(string registry, string source, string reason) => new("MSTAGE5004",
        $"The registry '{registry}' refused the push ({reason}) with the credentials from {source}. Log in again (docker login {registry}) or fix the entry for '{registry}' in your Docker config.json.");

    public static Diagnostic RegistryCertificateUntrusted(string registry, string reason) => new("MSTAGE5005",
        $"The Docker engine does not trust the certificate of the registry '{registry}' ({reason}). Put the registry's CA certificate in /etc/docker/certs.d/{registry}/ca.crt on the engine's host (no restart needed), or use a certificate the host trusts.");

    public static Diagnostic PushFailed(string reference, string reason) => new("MSTAGE5006",
        $"Pushing '{reference}' failed: {reason}. Fix what the registry reported and publish again; the image stays tagged on the engine.");

    public static Diagnostic CredentialsUnavailable(string registry, string source, string reason, string fallback) => new("MSTAGE5007",
        $"The credentials for '{registry}' could not be read from {source}: {reason}. The push goes on as docker push would, {fallback}. Fix your Docker config.json (DOCKER_CONFIG or ~/.docker) or the credential helper it names, or log in again with docker login {registry}.");
}
