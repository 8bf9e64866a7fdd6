using System.Text;
using System.Text.Json;
using CsCheck;
using Menshen.Core.Errors;
using Snapshooter.Xunit;

namespace Menshen.Core.Tests;

public class OpenAiErrorBodyTests
{
    private static readonly Gen<string> Message = Gen.String[Gen.Char["ab \"\\/\n\t\u0001\u007f<>&'+é中"], 0, 30];

    [Fact]
    public void Json_for_every_kind_matches_snapshot()
    {
        var actual = string.Join("\n", Enum.GetValues<GatewayErrorKind>().Select(kind =>
            $"{kind} {OpenAiErrorBody.Status(kind)} " +
            Encoding.UTF8.GetString(OpenAiErrorBody.Json(new GatewayError(kind, $"{kind}: \"x\" \\ é <b>")))));

        Snapshot.Match(actual);
    }

    [Fact]
    public void Json_message_reads_back_unchanged() =>
        Gen.Select(Gen.Enum<GatewayErrorKind>(), Message).Sample((kind, message) =>
        {
            using var actual = JsonDocument.Parse(OpenAiErrorBody.Json(new GatewayError(kind, message)));

            return actual.RootElement.GetProperty("error").GetProperty("message").GetString() == message;
        });

    [Fact]
    public void Json_has_only_error_with_message_type_and_code_strings() =>
        Gen.Enum<GatewayErrorKind>().Sample(kind =>
        {
            using var actual = JsonDocument.Parse(OpenAiErrorBody.Json(new GatewayError(kind, "m")));

            var root = actual.RootElement.EnumerateObject().Select(p => p.Name);
            var error = actual.RootElement.GetProperty("error").EnumerateObject().ToArray();
            return root.SequenceEqual(["error"])
                && error.Select(p => p.Name).SequenceEqual(["message", "type", "code"])
                && error.All(p => p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Length > 0);
        });

    [Theory]
    [InlineData(GatewayErrorKind.MalformedJson, 400)]
    [InlineData(GatewayErrorKind.Unauthorized, 401)]
    [InlineData(GatewayErrorKind.NotFound, 404)]
    [InlineData(GatewayErrorKind.MethodNotAllowed, 405)]
    [InlineData(GatewayErrorKind.BodyTooLarge, 413)]
    [InlineData(GatewayErrorKind.RequestTimeout, 408)]
    [InlineData(GatewayErrorKind.UpstreamUnreachable, 502)]
    [InlineData(GatewayErrorKind.UpstreamTimeout, 504)]
    [InlineData(GatewayErrorKind.NoProvider, 503)]
    [InlineData(GatewayErrorKind.Internal, 500)]
    [InlineData(GatewayErrorKind.BadParameter, 400)]
    public void Status_kind_gives_http_status(GatewayErrorKind kind, int expected)
    {
        var actual = OpenAiErrorBody.Status(kind);

        Assert.Equal(expected, actual);
    }
}
