using System.Collections.Immutable;
using System.Text;
using LanguageExt;
using Menshen.Core.Routing;
using Menshen.Core.Usage;

namespace Menshen.Core.Tests;

/// A generated SSE stream and the answers the model gives for it.
public sealed record SseScenario(EndpointKind Kind, ImmutableArray<SseEventSpec> Events, SseFormat Format)
{
    public Option<TokenUsage> ExpectedUsage =>
        Events.Reverse().Select(e => e.Usage).FirstOrDefault(u => u.IsSome);

    public bool ExpectedCompleted => Events.Any(e => e.Terminal);

    public byte[] Bytes => Encoding.UTF8.GetBytes(Render());

    public string Render()
    {
        var text = new StringBuilder();
        var colon = Format.SpaceAfterColon ? ": " : ":";
        var nl = Format.Newline;
        for (var i = 0; i < Events.Length; i++)
        {
            text.Append(Format.Comments ? ": keep-alive" + nl : "");
            text.Append(Format.Ids ? $"id{colon}{i}{nl}" : "");
            text.Append(Events[i].Name is { } name ? $"event{colon}{name}{nl}" : "");
            foreach (var line in Events[i].DataLines)
            {
                text.Append($"data{colon}{line}{nl}");
            }
            text.Append(nl);
        }
        return text.ToString();
    }

    public override string ToString() => $"{Kind}: {Render()}";
}
