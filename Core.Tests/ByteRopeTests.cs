using CsCheck;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

public class ByteRopeTests
{
    private static readonly Gen<byte[][]> Pieces = Gen.Byte.Array[0, 40].Array[1, 30];

    [Fact]
    public void Concat_is_the_appended_bytes_in_order() =>
        Pieces.Sample(pieces =>
        {
            var rope = pieces.Aggregate((ByteRope?)null, (r, p) => ByteRope.Append(r, p))!;

            return rope.Concat([]).SequenceEqual(pieces.SelectMany(p => p));
        });

    [Fact]
    public void Append_leaves_earlier_ropes_unchanged() =>
        Pieces.Sample(pieces =>
        {
            var ropes = new List<ByteRope>();
            ByteRope? rope = null;
            foreach (var piece in pieces)
            {
                rope = ByteRope.Append(rope, piece);
                ropes.Add(rope);
            }

            return ropes.Select((r, i) => r.Concat([]).SequenceEqual(pieces.Take(i + 1).SelectMany(p => p)))
                .All(ok => ok);
        });

    [Fact]
    public void AppendLine_joins_with_line_feeds() =>
        Pieces.Sample(pieces =>
        {
            var rope = pieces.Skip(1)
                .Aggregate(ByteRope.Append(null, pieces[0]), (r, p) => ByteRope.AppendLine(r, p));

            return rope.Concat([]).SequenceEqual(
                pieces.Skip(1).Aggregate(pieces[0].AsEnumerable(), (all, p) => [.. all, (byte)'\n', .. p]));
        });
}
