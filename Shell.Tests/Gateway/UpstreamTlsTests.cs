using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Menshen.Shell.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Menshen.Shell.Tests.Gateway;

/// helper-86: an untrusted CA, a wrong host name, an expired and a self-signed certificate all
/// read "upstream TLS handshake failed", in the client's 502, the row and the log alike. The
/// message now says which check failed, in the runtime's words.
public class UpstreamTlsTests
{
    [Fact]
    public async Task A_certificate_the_gateway_does_not_trust_is_named_as_such()
    {
        using var certificate = SelfSigned("upstream.test");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        await using var app = builder.Build();
        app.Run(context => context.Response.WriteAsync("{}"));
        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;
        await using var env = await TestEnv.StartAsync(audit: true, configure: _ =>
            TestConfigs.With(TestConfigs.Provider("tls",
                new Uri($"https://127.0.0.1:{port}/v1"))));

        using var response = await env.PostAsync("/v1/chat/completions",
            """{"model":"m","messages":[]}""");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var message = await OpenAiError.AssertShapeAsync(response);
        Assert.Contains("upstream TLS handshake failed: The remote certificate is invalid",
            message, StringComparison.Ordinal);
        var attempt = Assert.Single((await env.Sink.NextAsync()).Attempts);
        Assert.StartsWith("upstream TLS handshake failed: ", attempt.Error, StringComparison.Ordinal);
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        request.CertificateExtensions.Add(names.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1),
            DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs the key in a form the TLS stack can use: a PFX round trip.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
