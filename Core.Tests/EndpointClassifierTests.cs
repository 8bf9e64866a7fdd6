using CsCheck;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

public class EndpointClassifierTests
{
    [Fact]
    public void Classify_v1_prefix_changes_nothing() =>
        RoutingGens.Path.Sample(path =>
            Classify("/v1" + path) == Classify(path));

    [Fact]
    public void Classify_upstream_path_of_understood_endpoints_never_starts_with_v1() =>
        RoutingGens.Path.Sample(path =>
        {
            var actual = Classify(path);

            var upstream = actual.UpstreamPath.Value;
            return !actual.IsUnderstood
                || !(upstream.StartsWith("/v1/", StringComparison.Ordinal) || upstream == "/v1");
        });

    [Fact]
    public void Classify_understood_endpoint_is_sent_upstream_at_the_path_that_decided_it() =>
        RoutingGens.Path.Sample(path =>
        {
            var actual = Classify(path);

            return !actual.IsUnderstood
                || actual.Dialect.EndpointAt(actual.UpstreamPath.Value.AsSpan(1)) == actual.Kind;
        });

    [Fact]
    public void Classify_upstream_path_starts_with_slash() =>
        RoutingGens.Path.Sample(path => Classify(path).UpstreamPath.Value.StartsWith('/'));

    [Theory]
    [InlineData("/v1/chat/completions", EndpointKind.ChatCompletions, "/chat/completions")]
    [InlineData("/chat/completions", EndpointKind.ChatCompletions, "/chat/completions")]
    [InlineData("/v1/chat/completions/", EndpointKind.ChatCompletions, "/chat/completions")]
    [InlineData("/completions", EndpointKind.Completions, "/completions")]
    [InlineData("/v1/responses", EndpointKind.Responses, "/responses")]
    [InlineData("/v1/responses/compact", EndpointKind.ResponsesCompact, "/responses/compact")]
    [InlineData("/v1/responses/resp_1", EndpointKind.Passthrough, "/responses/resp_1")]
    [InlineData("/embeddings/", EndpointKind.Embeddings, "/embeddings")]
    [InlineData("/v1/messages/", EndpointKind.Messages, "/messages")]
    [InlineData("/v1/models/", EndpointKind.Passthrough, "/models/")]
    [InlineData("/v1/v1/embeddings", EndpointKind.Embeddings, "/embeddings")]
    [InlineData("/v1/models", EndpointKind.Passthrough, "/models")]
    [InlineData("/v1", EndpointKind.Passthrough, "/")]
    [InlineData("/v1/", EndpointKind.Passthrough, "/")]
    [InlineData("/", EndpointKind.Passthrough, "/")]
    [InlineData("/v10/chat/completions", EndpointKind.Passthrough, "/v10/chat/completions")]
    [InlineData("/v1chat/completions", EndpointKind.Passthrough, "/v1chat/completions")]
    [InlineData("/chat/completions/x", EndpointKind.Passthrough, "/chat/completions/x")]
    [InlineData("/chat/completions//", EndpointKind.ChatCompletions, "/chat/completions")]
    [InlineData("/v1/chat%2Fcompletions%2F", EndpointKind.ChatCompletions, "/chat/completions")]
    [InlineData("/v1//chat/completions", EndpointKind.ChatCompletions, "/chat/completions")]
    [InlineData("//chat//completions", EndpointKind.ChatCompletions, "/chat/completions")]
    [InlineData("/v1/chat%2Fcompletions", EndpointKind.ChatCompletions, "/chat/completions")]
    [InlineData("/Chat/Completions", EndpointKind.Passthrough, "/Chat/Completions")]
    [InlineData("/responses/resp_1/cancel", EndpointKind.Passthrough, "/responses/resp_1/cancel")]
    [InlineData("/audio/speech", EndpointKind.Passthrough, "/audio/speech")]
    public void Classify_path_gives_kind_and_upstream_path(string path, EndpointKind kind, string upstreamPath)
    {
        var actual = Classify(path);

        Assert.Equal((kind, upstreamPath), (actual.Kind, actual.UpstreamPath.Value));
    }

    private static EndpointRoute Classify(string path) =>
        EndpointClassifier.Classify(CanonicalPath.Parse(path).Path!);
}
