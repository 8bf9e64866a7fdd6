using System.Buffers;
using System.Collections.Immutable;
using CsCheck;
using Menshen.Core.Audit;
using Menshen.Shell.Storage;

namespace Menshen.Shell.Tests.Storage;

/// `/__report/providers` reads only the providers of each failed-over row's tries
/// (AttemptJson.ReadProviders), without the serializer: they must be exactly the providers the
/// full read of the same stored text gives, in order, whatever the names hold.
public class AttemptJsonTests
{
    private static readonly Gen<string> Name = Gen.OneOf(
        Gen.OneOf("openai", "azure-east", "b", "\"quoted\"", "back\\slash", "ünï", "日本", "😀x"),
        Gen.String[0, 12]);

    private static readonly Gen<ImmutableArray<AttemptRecord>> Attempts =
        Gen.Select(Name, Gen.Int[99, 599].Select(s => s == 99 ? (int?)null : s), Name.Null(),
            Gen.Double[0, 1e5])
            .Select((p, s, e, d) => new AttemptRecord(p, s, e, d)).Array[0, 6]
            .Select(a => a.ToImmutableArray());

    [Fact]
    public void Read_providers_matches_the_full_read() =>
        Attempts.Sample(attempts =>
        {
            var stored = System.Text.Encoding.UTF8.GetString(
                AttemptJson.Write(attempts, new ArrayBufferWriter<byte>()));
            var (tried, known) = (new List<string>(), new List<string>());

            AttemptJson.ReadProviders(stored, tried, known);

            return tried.SequenceEqual(AttemptJson.Deserialize(stored).Select(a => a.Provider));
        });

    // Write is hand-written for the audit writer; the report API reads it with the serializer,
    // and a second row written with the same scratch and writer stands alone.
    [Fact]
    public void Write_writes_what_the_serializer_reads_back() =>
        Gen.Select(Attempts, Attempts).Sample((first, second) =>
        {
            var scratch = new ArrayBufferWriter<byte>();
            _ = AttemptJson.Write(first, scratch);
            var stored = System.Text.Encoding.UTF8.GetString(AttemptJson.Write(second, scratch));

            return AttemptJson.Deserialize(stored).SequenceEqual(second)
                && System.Text.Json.Nodes.JsonNode.Parse(stored)!.AsArray().All(a =>
                    a!.AsObject().Select(p => p.Key).SequenceEqual(
                        ["provider", "status_code", "error", "duration_ms"]));
        });

    [Fact]
    public void A_known_name_is_reused_and_a_new_one_is_kept()
    {
        var (tried, known) = (new List<string>(), new List<string> { "azure-east" });
        const string stored = """
            [{"provider":"azure-east","status_code":503,"error":"provider: \"x\"","duration_ms":1},
             {"provider":"open\u0061i","status_code":200,"error":null,"duration_ms":2}]
            """;

        AttemptJson.ReadProviders(stored, tried, known);

        Assert.Equal(["azure-east", "openai"], tried);
        Assert.Same(known[0], tried[0]);
        Assert.Equal(["azure-east", "openai"], known);
    }
}
