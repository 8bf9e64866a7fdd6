using System.Collections.Immutable;
using Menshen.Core.Config;
using Menshen.Core.Http;
using Menshen.Core.Routing;

namespace Menshen.Core.Dialects;

// The shapes of a dialect's functions. Named delegates because spans cannot be generic arguments.

/// Patches a request body for one provider (model override, stream-usage injection unless the
/// provider refuses it: StreamUsageSupport).
public delegate PatchResult BodyPatcher(ReadOnlyMemory<byte> body, EndpointKind kind,
    string? forcedModel, bool askStreamUsage = true);

/// True for an SSE event the gateway asked for on the client's behalf and hides from it.
public delegate bool SseEventTest(ReadOnlySpan<byte> sseEvent);

/// The part of an SSE event the gateway's own request added and the client is not shown, or
/// null when there is none.
public delegate Range? SseEventCut(ReadOnlySpan<byte> sseEvent);

/// The headers that carry the provider's key (and the dialect's required headers), in order.
public delegate ImmutableArray<HeaderValue> KeyInjector(
    ProviderConfig provider, ClientKeyHeaders client, bool gatewayAuthEnabled);

/// The text the dashboard shows for a stored response body.
public delegate string? ResponsePreviewer(ReadOnlyMemory<byte> body, string? contentType);
