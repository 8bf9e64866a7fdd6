using CsCheck;
using Menshen.Core.Config.Document;
using Menshen.Shell.Config;

namespace Menshen.Shell.Tests.Config;

/// TOML lets other tables come between the entries of an array of tables; the document read is
/// the same as when the entries stand together (issue 14: the earlier entries were lost).
public class TableArrayInterleavingTests
{
    // Every array of tables the config has, and one it may get later.
    private static readonly string[] Arrays = ["providers", "auth.keys", "routes.rules"];
    private static readonly string[] Tables = ["cache", "server", "storage.sqlite"];

    private sealed record Block(string Header, string Body);

    private static readonly Gen<string> Body = Gen.Select(Gen.Int[0, 99], Gen.Bool, Gen.Int[0, 2])
        .Array[1, 3].Select(pairs => string.Concat(pairs.Select((p, i) => p.Item3 switch
        {
            0 => $"k{i} = {p.Item1}\n",
            1 => $"k{i} = \"v{p.Item1}\"\n",
            _ => $"k{i} = {(p.Item2 ? "true" : "false")}\n",
        })));

    private static readonly Gen<Block[]> ArrayEntries = Gen.Select(
        Gen.Int[0, Arrays.Length - 1], Body.Array[1, 3],
        (a, bodies) => bodies.Select(b => new Block($"[[{Arrays[a]}]]", b)).ToArray());

    private static readonly Gen<Block> TableBlock = Gen.Select(
        Gen.Int[0, Tables.Length - 1], Body, (t, body) => new Block($"[{Tables[t]}]", body));

    // Plain tables first, then each array's entries together: the form Tomlyn always read right.
    private static readonly Gen<Block[]> Contiguous = Gen.Select(
        ArrayEntries.Array[1, 3], TableBlock.Array[0, 3],
        (arrays, tables) => (Block[])[
            .. tables.DistinctBy(t => t.Header),
            .. arrays.DistinctBy(a => a[0].Header).SelectMany(a => a)]);

    private static readonly Gen<(Block[] Contiguous, Block[] Interleaved)> Documents =
        Contiguous.SelectMany(c =>
            Gen.Int.Array[c.Length].Select(order => (c, Interleave(c, order))));

    [Fact]
    public void Interleaved_array_entries_read_as_the_contiguous_document() =>
        Documents.Sample(d => Show(Parse(d.Interleaved)) == Show(Parse(d.Contiguous)),
            print: d => Text(d.Interleaved));

    [Fact]
    public void The_issue_example_keeps_both_providers()
    {
        const string toml = """
            [[providers]]
            name = "one"
            [cache]
            enable = false
            [[providers]]
            name = "two"
            """;

        var providers = (ConfigArray)Parse(toml).Find("providers")!;

        Assert.Equal(["one", "two"],
            providers.Items.Select(p => ((ConfigString)((ConfigTable)p).Find("name")!).Value));
    }

    // Blocks in a random order, each array's entries still in their own order.
    private static Block[] Interleave(Block[] blocks, int[] order)
    {
        var shuffled = blocks.Select((b, i) => (Block: b, Rank: order[i]))
            .OrderBy(p => p.Rank).Select(p => p.Block).ToArray();
        var queues = blocks.GroupBy(b => b.Header)
            .ToDictionary(g => g.Key, g => new Queue<Block>(g));
        return [.. shuffled.Select(b => queues[b.Header].Dequeue())];
    }

    private static string Text(Block[] blocks) =>
        string.Concat(blocks.Select(b => $"{b.Header}\n{b.Body}"));

    private static ConfigTable Parse(Block[] blocks) => Parse(Text(blocks));

    private static ConfigTable Parse(string toml) => TomlDocument.Parse(toml, "config.toml")
        .Match(Succ: d => d, Fail: e => throw new InvalidOperationException(e.Head.Message));

    // Tables compared with their keys sorted (a table's place in the file is not its meaning);
    // arrays in order.
    private static string Show(ConfigNode node) => node switch
    {
        ConfigTable t => "{" + string.Join(", ", t.Entries
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key}: {Show(e.Value)}")) + "}",
        ConfigArray a => "[" + string.Join(", ", a.Items.Select(Show)) + "]",
        _ => node.ToString(),
    };
}
