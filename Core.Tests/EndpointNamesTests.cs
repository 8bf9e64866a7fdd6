using Menshen.Core.Audit;
using Menshen.Core.Routing;

namespace Menshen.Core.Tests;

/// Stored endpoint names: every kind has one, it parses back, and the list the report API
/// accepts (EndpointNames.All) is exactly those names.
public class EndpointNamesTests
{
    [Fact]
    public void Every_kind_parses_back_from_its_stored_name() =>
        Assert.All(Enum.GetValues<EndpointKind>(), kind =>
            Assert.Equal(kind, EndpointNames.Parse(EndpointNames.Of(kind))));

    [Fact]
    public void The_listed_names_are_the_stored_names_of_every_kind_once() =>
        Assert.Equal(
            Enum.GetValues<EndpointKind>().Select(EndpointNames.Of).Order(StringComparer.Ordinal),
            EndpointNames.All.Order(StringComparer.Ordinal));

    [Fact]
    public void Only_responses_and_their_compaction_speak_responses() =>
        Assert.Equal([EndpointKind.Responses, EndpointKind.ResponsesCompact],
            Enum.GetValues<EndpointKind>().Where(k => k.SpeaksResponses()));
}
