using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Menshen.Core.Http;

/// How the JSON the gateway writes for people escapes text: the report API and its export,
/// and `-log-format json`. The default encoder wrote every letter outside ASCII as `\uXXXX`,
/// so `grep 上海` found nothing in an export (helper-92). Letters of every script now stay as
/// they are. Still escaped: the characters HTML reads (angle brackets, ampersands, quotes),
/// controls, the line separators and the text-direction marks (`TextDirection`), so a name
/// cannot reorder a terminal's line; characters beyond the BMP (emoji) too, as the runtime's
/// encoders always escape them.
public static class ReadableJson
{
    public static readonly JavaScriptEncoder Encoder = Create();

    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = Encoder };

    private static JavaScriptEncoder Create()
    {
        var settings = new TextEncoderSettings(UnicodeRanges.All);
        for (var c = '\u0000'; c < '\uFFFF'; c++)
        {
            if (TextDirection.Is(c)) settings.ForbidCharacter(c);
        }
        return JavaScriptEncoder.Create(settings);
    }
}
