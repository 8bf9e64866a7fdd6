using System.Globalization;
using System.Text.Json;
using Menshen.Simulator.Replies;

namespace Menshen.Simulator.Http;

/// <summary>Azure OpenAI's refusal of <c>stream_options</c> on an <c>api-version</c> dated before
/// 2024-08-01: a 400 naming the argument, as Azure answers it. Other providers take no
/// <c>api-version</c>, so a request without one is never refused.</summary>
internal static class AzureApiVersion
{
    private static readonly DateOnly FirstWithStreamOptions = new(2024, 8, 1);

    public static SimReply? Refusal(HttpRequest request, byte[] body)
    {
        var version = request.Query["api-version"].ToString();
        if (version.Length < 10 || !DateOnly.TryParseExact(version[..10], "yyyy-MM-dd",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date >= FirstWithStreamOptions || !NamesStreamOptions(body))
            return null;
        return ErrorReplies.UnrecognizedArgument("stream_options");
    }

    private static bool NamesStreamOptions(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("stream_options", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
