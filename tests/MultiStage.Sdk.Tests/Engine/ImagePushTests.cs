using Docker.DotNet.Models;
using MultiStage.Sdk.Engine;
using MultiStage.Sdk.Reporting;

namespace MultiStage.Sdk.Tests.Engine;

/// <summary>The push stream and the coded errors a failed push becomes.</summary>
public class ImagePushTests
{
    private static readonly RegistryCredentials None = new(null, null, null, null, "none");
    private static readonly RegistryCredentials FromFile = new("ci", "hunter2", null, null, "auths['r:5000'] in /c/config.json");

    [Test]
    public void The_digest_comes_from_aux_errors_from_the_stream_and_upload_byte_counts_stay_out_of_the_log()
    {
        var log = new RecordingLog();
        var progress = new PushProgress(log);
        progress.Report(new JSONMessage { Status = "The push refers to repository [r:5000/app]" });
        progress.Report(new JSONMessage { Status = "Pushing", ID = "abc", Progress = new JSONProgress { Current = 10, Total = 100 } });
        progress.Report(new JSONMessage { Status = "Pushed", ID = "abc" });
        progress.Report(new JSONMessage { Aux = new ObjectExtensionData { ExtensionData = new Dictionary<string, object> { ["Tag"] = "latest", ["Digest"] = "sha256:beef", ["Size"] = 525 } } });

        Assert.That(progress.Digest, Is.EqualTo("sha256:beef"));
        Assert.That(progress.Error, Is.Null);
        Assert.That(log.Lines, Is.EqualTo(new[] { "The push refers to repository [r:5000/app]", "abc: Pushed" }));

        progress.Report(new JSONMessage { Error = new JSONError { Message = "unauthorized: authentication required" } });
        progress.Report(new JSONMessage { Error = new JSONError { Message = "later" } });
        Assert.That(progress.Error, Is.EqualTo("unauthorized: authentication required"));
    }

    [TestCase("Get \"http://127.0.0.1:1/v2/\": dial tcp 127.0.0.1:1: connect: connection refused", "MSTAGE5003")]
    [TestCase("Get \"https://r:5000/v2/\": http: server gave HTTP response to HTTPS client", "MSTAGE5003")]
    [TestCase("unauthorized: authentication required", "MSTAGE5004")]
    [TestCase("denied: requested access to the resource is denied", "MSTAGE5004")]
    [TestCase("Get \"https://r:5000/v2/\": x509: certificate signed by unknown authority", "MSTAGE5005")]
    [TestCase("manifest invalid: manifest invalid", "MSTAGE5006")]
    public void A_failed_push_is_a_coded_error(string message, string code) =>
        Assert.That(PushFailure.Classify("r:5000", "r:5000/app:latest", FromFile, message).Code, Is.EqualTo(code));

    [Test]
    public void An_authentication_error_names_where_the_credentials_came_from_and_never_the_password()
    {
        var withFile = PushFailure.Classify("r:5000", "r:5000/app:latest", FromFile, "unauthorized: authentication required");
        var without = PushFailure.Classify("r:5000", "r:5000/app:latest", None, "no basic auth credentials");

        Assert.That(withFile.Message, Does.Contain("/c/config.json").And.Not.Contain("hunter2"));
        Assert.That(without.Message, Does.Contain("no credentials were sent"));
    }

    [TestCase("r:5000/team/app:1.0", "r:5000/team/app", "1.0")]
    [TestCase("r:5000/app", "r:5000/app", "latest")]
    public void A_reference_splits_at_the_tags_colon_not_the_ports(string reference, string repository, string tag) =>
        Assert.That(ImagePush.Split(reference), Is.EqualTo((repository, tag)));

    [TestCase("127.0.0.1:5000", true)]
    [TestCase("registry.example.com", true)]
    [TestCase("localhost", true)]
    [TestCase("[::1]:5000", true)]
    [TestCase("myregistry", false)]
    [TestCase("https://registry.example.com", false)]
    [TestCase("registry.example.com/team", false)]
    public void A_registry_is_a_host_with_an_optional_port(string registry, bool valid) =>
        Assert.That(ImageReference.IsValidRegistry(registry), Is.EqualTo(valid));

    [Test]
    public void ContainerRegistry_is_checked_before_the_build_and_empty_means_no_push()
    {
        Assert.That(ImageNames.Registry(" 127.0.0.1:5000 "), Is.EqualTo("127.0.0.1:5000"));
        Assert.That(ImageNames.Registry(" "), Is.Null);
        var error = Assert.Throws<MultiStageException>(() => ImageNames.Registry("http://127.0.0.1:5000"))!;
        Assert.That(error.Diagnostic.Code, Is.EqualTo("MSTAGE5002"));
    }
}
