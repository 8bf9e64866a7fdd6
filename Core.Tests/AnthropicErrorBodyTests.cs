using System.Text;
using System.Text.Json;
using CsCheck;
using Menshen.Core.Dialects.Anthropic;
using Menshen.Core.Errors;
using Snapshooter.Xunit;

namespace Menshen.Core.Tests;

public class AnthropicErrorBodyTests
{
    private static readonly Gen<string> Message = Gen.String[Gen.Char["ab \"\\/\n\t\u0001\u007f<>&'+é中"], 0, 30];

    [Fact]
    public void Json_for_every_kind_matches_snapshot()
    {
        var actual = string.Join("\n", Enum.GetValues<GatewayErrorKind>().Select(kind =>
            $"{kind} {OpenAiErrorBody.Status(kind)} " +
            Encoding.UTF8.GetString(AnthropicErrorBody.Json(new GatewayError(kind, $"{kind}: \"x\" \\ é <b>")))));

        Snapshot.Match(actual);
    }

    [Fact]
    public void Json_message_reads_back_unchanged() =>
        Gen.Select(Gen.Enum<GatewayErrorKind>(), Message).Sample((kind, message) =>
        {
            using var actual = JsonDocument.Parse(AnthropicErrorBody.Json(new GatewayError(kind, message)));

            return actual.RootElement.GetProperty("error").GetProperty("message").GetString() == message;
        });

    [Fact]
    public void Json_is_type_error_with_an_error_object_of_type_and_message() =>
        Gen.Enum<GatewayErrorKind>().Sample(kind =>
        {
            using var actual = JsonDocument.Parse(AnthropicErrorBody.Json(new GatewayError(kind, "m")));

            var root = actual.RootElement;
            return root.EnumerateObject().Select(p => p.Name).SequenceEqual(["type", "error"])
                && root.GetProperty("type").GetString() == "error"
                && root.GetProperty("error").EnumerateObject().Select(p => p.Name).SequenceEqual(["type", "message"]);
        });
}
