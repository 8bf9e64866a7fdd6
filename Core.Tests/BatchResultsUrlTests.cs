using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Menshen.Core.Dialects.Anthropic;

namespace Menshen.Core.Tests;

public class BatchResultsUrlTests
{
    private const string Base = "https://api.anthropic.com/v1/";

    private static readonly Gen<string> Id =
        Gen.String[Gen.Char.AlphaNumeric, 1, 24].Select(s => "msgbatch_" + s);

    // A batch object as Anthropic answers it, with members the rewrite must leave alone.
    private static readonly Gen<JsonObject> Batch = Gen.Select(Id, Gen.Bool, Gen.Int[0, 500],
        (id, ended, count) =>
        {
            var batch = new JsonObject
            {
                ["id"] = id,
                ["type"] = "message_batch",
                ["processing_status"] = ended ? "ended" : "in_progress",
                ["request_counts"] = new JsonObject { ["succeeded"] = count },
                ["results_url"] = ended ? $"{Base}messages/batches/{id}/results" : null,
            };
            return batch;
        });

    [Fact]
    public void Results_urls_under_the_provider_become_paths_and_nothing_else_changes() =>
        Gen.Select(Batch.Array[1, 4], Gen.Bool, Gen.OneOf("/v1/", "/menshen/v1/"))
            .Sample((batches, listed, prefix) =>
            {
                JsonNode original = listed
                    ? new JsonObject { ["data"] = new JsonArray([.. batches]), ["has_more"] = false }
                    : batches[0];
                var body = Encoding.UTF8.GetBytes(original.ToJsonString());

                var rewritten = BatchResultsUrl.Rewrite(body, Base, prefix);

                var expected = JsonNode.Parse(body)!;
                var items = listed ? expected["data"]!.AsArray().Select(n => n!.AsObject())
                    : [expected.AsObject()];
                var any = false;
                foreach (var item in items)
                {
                    if (item["results_url"]?.GetValue<string>() is not { } url) continue;
                    item["results_url"] = prefix + url[Base.Length..];
                    any = true;
                }
                return any
                    ? rewritten is not null
                        && JsonNode.DeepEquals(JsonNode.Parse(rewritten), expected)
                    : rewritten is null;
            });

    [Theory]
    [InlineData("""{"results_url":"https://elsewhere.example/v1/messages/batches/b/results"}""")]
    [InlineData("""{"results_url":null}""")]
    [InlineData("""{"results_url":42}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""not json""")]
    [InlineData("""{"results_url":"https://api.anthropic.com/v1/x","results_url":"y"}""")]
    public void Anything_else_is_passed_on_as_it_came(string body) =>
        Assert.Null(BatchResultsUrl.Rewrite(Encoding.UTF8.GetBytes(body), Base, "/v1/"));

    [Theory]
    [InlineData("/v1/messages/batches/b", "/messages/batches/b", "/v1/")]
    [InlineData("/proxy/v1/messages/batches", "/messages/batches", "/proxy/v1/")]
    [InlineData("/v1/other", "/messages/batches", null)]
    public void The_client_prefix_is_its_path_less_the_upstream_one(string client,
        string upstream, string? expected) =>
        Assert.Equal(expected, BatchResultsUrl.ClientPrefix(client, upstream));

    [Theory]
    [InlineData("https://api.anthropic.com/v1", "https://api.anthropic.com/v1/")]
    [InlineData("https://relay.example/anthropic/v1/?x=1", "https://relay.example/anthropic/v1/")]
    public void The_upstream_base_ends_in_a_slash_without_query(string baseUrl, string expected) =>
        Assert.Equal(expected, BatchResultsUrl.UpstreamBase(new Uri(baseUrl)));

    [Theory]
    [InlineData("/messages/batches", true)]
    [InlineData("/messages/batches/msgbatch_1", true)]
    [InlineData("/messages/batches/msgbatch_1/cancel", true)]
    [InlineData("/messages/batches/msgbatch_1/results", false)]
    [InlineData("/messages", false)]
    [InlineData("/files", false)]
    public void Only_batch_answers_may_carry_one(string path, bool expected) =>
        Assert.Equal(expected, BatchResultsUrl.MayCarry(path));
}
