using System.Globalization;
using System.Text;
using CsCheck;
using Menshen.Core.Audit;

namespace Menshen.Core.Tests;

public class PreviewTextTests
{
    // Pieces that make clusters of many chars: accents, emoji families joined by ZWJ with skin
    // tones, flags (regional indicator pairs), Hangul jamo, a variation selector, and plain
    // letters and ideographs between them.
    private static readonly Gen<string> Piece = Gen.OneOf(
        "a", "Z", "7", " ", "-", "é", "e\u0301", "a\u0301\u0323", "上", "海", "\U0001F600",
        "\U0001F468", "\u200D", "\U0001F3FB", "\U0001F469\u200D\U0001F467", "\U0001F1E8",
        "\U0001F1F3", "\u1100", "\u1161", "\u11A8", "\u2764\uFE0F", "\u0915\u094D", "\u0937");

    private static readonly Gen<string> Text =
        Piece.Array[1, 60].Select(pieces => string.Concat(pieces));

    private static int[] Boundaries(string text)
    {
        var ends = new List<int> { 0 };
        var at = 0;
        while (at < text.Length)
        {
            at += StringInfo.GetNextTextElementLength(text.AsSpan(at));
            ends.Add(at);
        }
        return [.. ends];
    }

    // The reference: every cluster of the whole text, from its start.
    private static int ReferenceEnd(string text, int maxChars)
    {
        var end = Boundaries(text).Where(b => b <= maxChars).Max();
        return end > 0 ? end
            : char.IsHighSurrogate(text[maxChars - 1]) ? maxChars - 1 : maxChars;
    }

    [Fact]
    public void A_cut_ends_where_a_cluster_of_the_whole_text_ends() =>
        Gen.Select(Text, Gen.Int[1, 40]).Where((text, max) => text.Length > max + 1)
            .Sample((text, max) => PreviewText.ClusterEnd(text, max) == ReferenceEnd(text, max));

    [Fact]
    public void A_clipped_preview_is_a_prefix_ending_between_clusters() =>
        Gen.Select(Text, Gen.Int[1, 40]).Sample((text, max) =>
        {
            var clipped = PreviewText.Clip(text, max);
            var collapsed = string.Join(' ',
                text.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            if (clipped is null) return collapsed.Length == 0;
            if (!clipped.EndsWith('…')) return clipped == collapsed;
            var kept = clipped[..^1];
            return kept.Length <= max && collapsed.StartsWith(kept, StringComparison.Ordinal)
                && (Boundaries(collapsed).Contains(kept.Length)
                    || Boundaries(collapsed)[1] > max);
        });

    // helper-92: a 200-char cut split a family emoji and a flag.
    [Fact]
    public void A_cut_keeps_a_family_and_a_flag_whole_or_drops_them() =>
        Assert.Equal(("ab…", "ab…", "abc👩‍👧…"),
            (PreviewText.Clip("ab👩‍👧xyz", 5), PreviewText.Clip("ab🇨🇳xyz", 5),
                PreviewText.Clip("abc👩‍👧xyz", 8)));

    [Fact]
    public void A_single_cluster_longer_than_the_limit_is_cut_between_code_points() =>
        Assert.Equal("a" + new string('\u0301', 9) + "…",
            PreviewText.Clip("a" + new string('\u0301', 40), 10));

    // helper-92: a non-JSON body cut inside a character ended in U+FFFD, and one whose
    // whitespace then collapsed lost its "…".
    [Fact]
    public void A_decoded_prefix_never_ends_in_half_a_character_and_says_it_goes_on() =>
        Gen.Select(Gen.OneOf("a", "é", "上", "😀", " ", "\n").Array[0, 400], Gen.Int[1, 30])
            .Sample((pieces, max) =>
            {
                var text = string.Concat(pieces);
                var bytes = Encoding.UTF8.GetBytes(text);
                var decoded = PreviewText.Decode(bytes, max);
                var cut = bytes.Length > (max + 1) * 4;
                return !decoded.Contains('\uFFFD')
                    && decoded.EndsWith('…') == cut
                    && text.StartsWith(cut ? decoded[..^1] : decoded, StringComparison.Ordinal);
            });
}
