using System.Text.Json;
using CsCheck;
using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class ReadableJsonTests
{
    private static readonly JsonSerializerOptions Readable = new()
    {
        Encoder = ReadableJson.Encoder,
    };

    // Letters of several scripts and the characters a name could hide behind.
    private static readonly Gen<string> Text = Gen.OneOf(
        Gen.Char['\u4E00', '\u9FFF'], Gen.Char['\u00C0', '\u024F'], Gen.Char['\u0400', '\u04FF'],
        Gen.Char['\u3040', '\u30FF'], Gen.Char['\u0000', '\u007F'], Gen.Char['\u2000', '\u206F'],
        Gen.Const('\u061C'), Gen.Const('\uFEFF'), Gen.Char['\uD800', '\uDFFF'])
        .Array[0, 24].Select(cs => new string(cs))
        .Select(Gen.Int[0, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF)
            .Select(char.ConvertFromUtf32), (s, emoji) => s + emoji);

    [Fact]
    public void Written_text_reads_back_as_itself_without_controls_html_or_direction_marks() =>
        Text.Where(s => !HasLoneSurrogate(s)).Sample(text =>
        {
            var json = JsonSerializer.Serialize(text, Readable);
            return JsonSerializer.Deserialize<string>(json) == text
                && !json.Any(c => char.IsControl(c) || c is '<' or '>' or '&' or '\''
                    or '\u2028' or '\u2029' || TextDirection.Is(c))
                && !json.AsSpan(1, json.Length - 2).Contains('"');
        });

    // helper-92: `grep 上海` found nothing in a JSON export: each letter was `\uXXXX`.
    [Fact]
    public void Letters_of_every_script_are_written_as_they_are() =>
        Gen.OneOf(Gen.Char['\u4E00', '\u9FFF'], Gen.Char['\u00C0', '\u00FF'],
                Gen.Char['\u0410', '\u044F'], Gen.Char['\u3041', '\u3096'], Gen.Char.AlphaNumeric)
            .Array[0, 24].Select(cs => new string(cs))
            .Sample(text => JsonSerializer.Serialize(text, Readable) == $"\"{text}\"");

    [Fact]
    public void A_direction_override_stays_escaped() =>
        Assert.Equal("\"上海\\u202Egpt\\u2066 café\"",
            JsonSerializer.Serialize("上海\u202Egpt\u2066 café", Readable));

    private static bool HasLoneSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length
                && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return true;
            }
        }
        return false;
    }
}
