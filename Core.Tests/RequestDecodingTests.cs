using CsCheck;
using Menshen.Core.Errors;
using Menshen.Core.Http;

namespace Menshen.Core.Tests;

public class RequestDecodingTests
{
    private static readonly (string Name, ContentCoding Coding)[] Known =
    [
        ("gzip", ContentCoding.Gzip), ("x-gzip", ContentCoding.Gzip), ("GZip", ContentCoding.Gzip),
        ("deflate", ContentCoding.Deflate), ("br", ContentCoding.Brotli),
        ("BR", ContentCoding.Brotli), ("zstd", ContentCoding.Zstd), ("Zstd", ContentCoding.Zstd),
    ];

    private static readonly Gen<string> Space = Gen.OneOf("", " ", "  ", "\t");

    // Names as a client writes them: spaced, with `identity` among them, spread over one or
    // more header values (RFC 9110 lets a list be split across field lines).
    private static Gen<string[]> HeaderValues(Gen<string> name) =>
        Gen.Select(name, Space, Space).Select((n, a, b) => a + n + b).Array[1, 7]
            .SelectMany(names => Gen.Int[1, names.Length].Select(split =>
                new[] { string.Join(",", names[..split]), string.Join(",", names[split..]) }
                    .Where(v => v.Length > 0).ToArray()));

    [Fact]
    public void Known_codings_are_undone_last_applied_first_up_to_the_layer_limit() =>
        HeaderValues(Gen.OneOf(Gen.OneOf(Known).Select(k => k.Name),
                Gen.OneOf("identity", "IDENTITY")))
            .Sample(values =>
            {
                var decoding = RequestDecoding.Of(values);
                var applied = values.SelectMany(v => v.Split(','))
                    .Select(n => n.Trim())
                    .Where(n => n.Length > 0 && !n.Equals("identity",
                        StringComparison.OrdinalIgnoreCase))
                    .Select(n => Known.Single(k => k.Name == n).Coding).ToArray();
                if (applied.Length > RequestDecoding.MaxLayers)
                    return decoding.Refusal?.Kind == GatewayErrorKind.UnsupportedEncoding
                        && decoding.Undo.IsEmpty;
                return decoding.Refusal is null && decoding.Undo.SequenceEqual(applied.Reverse());
            });

    [Fact]
    public void An_unknown_coding_anywhere_is_refused_by_its_name() =>
        Gen.Select(HeaderValues(Gen.OneOf(Known).Select(k => k.Name)),
                Gen.String[Gen.Char['a', 'z'], 3, 12].Where(n =>
                    !Known.Any(k => k.Name.Equals(n, StringComparison.OrdinalIgnoreCase))
                    && n != "identity"),
                Gen.Int[0, 7])
            .Sample((values, unknown, at) =>
            {
                var withUnknown = values.ToList();
                withUnknown.Insert(Math.Min(at, withUnknown.Count), unknown);
                var decoding = RequestDecoding.Of(withUnknown);
                return decoding.Undo.IsEmpty
                    && decoding.Refusal?.Kind == GatewayErrorKind.UnsupportedEncoding
                    && decoding.Refusal.Message.Contains($"'{unknown}'", StringComparison.Ordinal);
            });

    // Header values separated by `|`.
    [Theory]
    [InlineData("")]
    [InlineData("identity")]
    [InlineData(" |identity , ")]
    public void No_coding_is_no_decoding(string values) =>
        Assert.Equal(RequestDecoding.None,
            RequestDecoding.Of(values.Length == 0 ? [] : values.Split('|')));

    [Fact]
    public void A_refusal_quotes_the_client_s_value_escaped_and_clipped()
    {
        var refusal = RequestDecoding.Of(["gzip, x\u001b[31m" + new string('y', 500)]).Refusal!;

        Assert.DoesNotContain('\u001b', refusal.Message);
        Assert.True(refusal.Message.Length < 500, refusal.Message);
        Assert.Equal(415, OpenAiErrorBody.Status(refusal.Kind));
    }
}
