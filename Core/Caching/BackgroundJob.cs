using System.Text.Json;

namespace Menshen.Core.Caching;

/// A Responses request with `"background": true` asks for a job, not an answer: its reply is
/// the job's id and a `queued` status, which a replay would hand out again for a job that ran
/// long ago (helper-85: a second identical request got the first job's id, still "queued").
public static class BackgroundJob
{
    /// True when a top-level `background` member is `true` (any one of duplicates: a cache
    /// errs towards asking the provider).
    public static bool Asked(ReadOnlySpan<byte> body)
    {
        // CanonicalJson's depth: a body it keys is one this reads through.
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 128 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isBackground = reader.ValueTextEquals("background"u8);
                reader.Read();
                if (isBackground && reader.TokenType == JsonTokenType.True) return true;
                reader.Skip();
            }
            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
