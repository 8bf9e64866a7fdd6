using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Menshen.Core.Config;
using Menshen.Shell.Tests.Reports;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Gateway;

/// The gateway's own answers (no provider answered, a refusal) are stored with the error body
/// the client got, like any response body: the log detail shows what the client was told.
public class GatewayErrorAuditTests
{
    private const string Chat = """{"model":"m","messages":[{"role":"user","content":"hi"}]}""";

    private static Task<TestEnv> UnreachableAsync(bool bodies)
    {
        var gone = new Uri($"http://127.0.0.1:{FailoverTests.ClosedPort()}/v1");
        var logging = new LoggingConfig(LogRequestBody: true, LogResponseBody: bodies, 8_388_608);
        return TestEnv.StartAsync(simulators: 0, reports: true, configure: _ =>
            TestConfigs.With(TestConfigs.Provider("gone", gone)) with { Logging = logging });
    }

    private static long IdOf(HttpResponseMessage response) => long.Parse(
        response.Headers.GetValues("X-Request-Id").Single(), CultureInfo.InvariantCulture);

    private static async Task<JsonDocument> DetailAsync(TestEnv env, HttpResponseMessage answer) =>
        JsonDocument.Parse(await env.JsonAsync($"/__report/log?id={IdOf(answer)}"));

    [Fact]
    public async Task A_request_no_provider_answers_is_stored_with_the_error_body_the_client_got()
    {
        await using var env = await UnreachableAsync(bodies: true);

        using var response = await env.PostAsync("/v1/chat/completions", Chat);
        var sent = await response.Content.ReadAsByteArrayAsync();
        var stored = await env.Store!.StoredAsync(IdOf(response));
        using var detail = await DetailAsync(env, response);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(sent, stored.Exchange.ResponseBody?.Bytes.ToArray());
        Assert.Equal(("application/json", (long)sent.Length),
            (stored.Exchange.ResponseContentType, stored.Exchange.ResponseBytes));
        Assert.Equal(Encoding.UTF8.GetString(sent),
            detail.RootElement.GetProperty("response_body").GetString());
    }

    [Fact]
    public async Task With_response_bodies_off_no_error_body_is_stored()
    {
        await using var env = await UnreachableAsync(bodies: false);

        using var response = await env.PostAsync("/v1/chat/completions", Chat);
        var stored = await env.Store!.StoredAsync(IdOf(response));
        using var detail = await DetailAsync(env, response);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Null(stored.Exchange.ResponseBody);
        Assert.Null(stored.Exchange.ResponseContentType);
        Assert.Equal(JsonValueKind.Null,
            detail.RootElement.GetProperty("response_body").ValueKind);
    }

    [Fact]
    public async Task A_refused_key_is_stored_with_the_401_body_which_never_holds_the_token()
    {
        await using var env = await TestEnv.StartAsync(audit: true,
            configure: sims => TestEnv.DefaultConfig(sims).WithAuth("gw-main-token"));

        using var response = await env.PostAsync("/v1/chat/completions", Chat,
            h => h.Authorization = new AuthenticationHeaderValue("Bearer", "gw-wrong-secret"));
        var sent = await response.Content.ReadAsByteArrayAsync();
        var stored = await env.Store!.StoredAsync(IdOf(response));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(sent, stored.Exchange.ResponseBody?.Bytes.ToArray());
        var text = Encoding.UTF8.GetString(sent);
        Assert.DoesNotContain("gw-wrong-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("gw-main-token", text, StringComparison.Ordinal);
    }
}
