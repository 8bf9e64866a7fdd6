using System.Text.Encodings.Web;
using System.Text.Json;

namespace Menshen.Core.Errors;

// How gateway-made error bodies are written. The default encoder escapes quotes, angle
// brackets, ampersands and every non-ASCII letter for HTML, so a curl user read
// \u0027Authorization: Bearer \u003Ctoken\u003E\u0027. These bodies are JSON answers of an API
// (application/json with nosniff; proxied paths also carry a sandbox CSP), never pasted into
// HTML by the gateway: only what JSON itself requires is escaped.
internal static class ErrorJson
{
    public static readonly JsonWriterOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
