using Menshen.Core.Config;
using Menshen.Core.Dialects;
using Menshen.Core.Http;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class DialectsTests
{
    [Fact]
    public void Route_finds_every_endpoint_of_every_dialect_under_its_own_path() =>
        Assert.All(DialectTable.All.SelectMany(d => d.Endpoints.Select(e => (d, e))), pair =>
        {
            var actual = DialectTable.Route("/" + pair.e.Path);

            Assert.Equal((pair.d, pair.e.Kind), actual);
        });

    [Fact]
    public void No_two_endpoints_share_a_path_or_a_kind()
    {
        var endpoints = DialectTable.All.SelectMany(d => d.Endpoints).ToList();

        Assert.Equal(endpoints.Count, endpoints.Select(e => e.Path).Distinct().Count());
        Assert.Equal(endpoints.Count, endpoints.Select(e => e.Kind).Distinct().Count());
    }

    [Fact]
    public void Of_gives_the_dialect_that_serves_the_kind() =>
        Assert.All(DialectTable.All.SelectMany(d => d.Endpoints.Select(e => (d, e.Kind))),
            pair => Assert.Same(pair.d, DialectTable.Of(pair.Kind)));

    [Fact]
    public void Of_gives_the_default_dialect_for_passthrough() =>
        Assert.Same(DialectTable.Default, DialectTable.Of(EndpointKind.Passthrough));

    [Theory]
    [InlineData("/v1/models")]
    [InlineData("/chat")]
    [InlineData("/")]
    public void Route_leaves_unknown_paths_to_passthrough(string path) =>
        Assert.Equal(EndpointKind.Passthrough, DialectTable.Route(path).Kind);

    [Theory]
    [InlineData("text/event-stream", true)]
    [InlineData("Text/Event-Stream; charset=utf-8", true)]
    [InlineData(" text/event-stream ;x=1", true)]
    [InlineData("application/json", false)]
    [InlineData("text/event-streamed", false)]
    [InlineData(null, false)]
    public void SseContent_Is_reads_only_the_media_type(string? contentType, bool expected) =>
        Assert.Equal(expected, SseContent.Is(contentType));

    [Theory]
    [InlineData("POST", EndpointKind.ChatCompletions)]
    [InlineData("post", EndpointKind.ChatCompletions)]
    [InlineData("GET", EndpointKind.Passthrough)]
    public void ForMethod_passes_through_every_method_but_POST(string method, EndpointKind expected) =>
        Assert.Equal(expected, EndpointClassifier.Classify(CanonicalPath.Parse("/v1/chat/completions").Path!).ForMethod(method).Kind);

    [Theory]
    [InlineData("/v1/messages", false, "anthropic")]
    [InlineData("/messages/count_tokens", false, "anthropic")]
    [InlineData("/v1/v1/messages", false, "anthropic")]
    [InlineData("/v1/chat/completions", true, "openai")]
    [InlineData("/v1/messages/batches", true, "anthropic")]
    [InlineData("/v1/messages/batches", false, "anthropic")]
    [InlineData("/v1/messages/batches/msgbatch_1/results", false, "anthropic")]
    [InlineData("/v1/messagesx", false, "openai")]
    [InlineData("/v1/responses/resp_1", true, "openai")]
    [InlineData("/v1/files", false, "openai")]
    [InlineData("/v1/files", true, "anthropic")]
    [InlineData("/v1/models", true, "anthropic")]
    [InlineData(null, true, "anthropic")]
    [InlineData(null, false, "openai")]
    public void OfRequest_takes_the_paths_endpoint_or_one_above_it_then_a_client_header(
        string? path, bool anthropicVersion, string expected)
    {
        var canonical = path is null ? null : CanonicalPath.Parse(path).Path;

        var actual = DialectTable.OfRequest(canonical,
            header => anthropicVersion && header == "anthropic-version");

        Assert.Equal(expected, actual.Name);
    }

    // A client calling the Files or Models API with only a beta header (curl, a script) is still
    // an Anthropic client: its passthrough goes to the Anthropic providers.
    [Theory]
    [InlineData("/v1/files", "anthropic-beta", "anthropic")]
    [InlineData("/v1/models", "anthropic-beta", "anthropic")]
    [InlineData("/v1/files", "openai-beta", "openai")]
    [InlineData(null, "anthropic-beta", "anthropic")]
    public void OfRequest_knows_an_anthropic_client_by_its_beta_header_alone(
        string? path, string header, string expected)
    {
        var canonical = path is null ? null : CanonicalPath.Parse(path).Path;

        var actual = DialectTable.OfRequest(canonical, asked => asked == header);

        Assert.Equal(expected, actual.Name);
    }

    [Fact]
    public void For_gives_each_api_the_dialect_that_injects_its_key()
    {
        foreach (var api in Enum.GetValues<ProviderApi>())
        {
            Assert.Equal(api, DialectTable.For(api).Api);
        }
    }

    [Fact]
    public void OfRequest_asks_only_for_the_client_headers_dialects_declare()
    {
        var asked = new List<string>();

        DialectTable.OfRequest(null, header => { asked.Add(header); return false; });

        Assert.Equal(DialectTable.All.SelectMany(d => d.ClientHeaders), asked);
    }
}
