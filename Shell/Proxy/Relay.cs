using System.Runtime.CompilerServices;
using System.Diagnostics;
using Menshen.Core.Config;
using Menshen.Core.Dialects;
using Menshen.Core.Exchanges;
using Menshen.Core.Http;
using Menshen.Core.Routing;
using Menshen.Shell.Taps;
using Menshen.Shell.Wire;
using Microsoft.Net.Http.Headers;

namespace Menshen.Shell.Proxy;

/// Relays a chosen upstream answer to the client and returns what happened: the relay knows no
/// dialect; Core's watch for the endpoint says how to read usage and which events to hide.
/// `ids` learns the response id of a successful answer from `provider` (for `clientKey`) as soon
/// as it is read.
public static class Relay
{
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public static async ValueTask<RelayResult> ForwardAsync(
        HttpContext context, AttemptResult answer, bool hideInjected, EndpointKind endpoint,
        GatewayConfig config, long startedAt, IResponseIdSink? ids = null,
        string? provider = null, string? clientKey = null)
    {
        var response = answer.Response!;
        var contentType = response.Content.Headers.ContentType?.ToString();
        var watch = ResponseWatch.For(endpoint, contentType);
        var filter = hideInjected && watch.IsStream
            ? new SseEventFilter(watch.Dialect.IsInjectedEvent, watch.Dialect.InjectedPart)
            : null;
        ResponseRelay.WriteHead(context.Response, response, lengthMayChange: filter is not null);
        var ttfb = Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;
        var capture = new BodyCapture(enabled: true, CapturePolicy.ResponseCap(config),
            response.Content.Headers.ContentLength);
        var remembers = ResponseAffinity.Remembers((int)response.StatusCode);
        var tap = new UsageTap(watch, capture, remembers ? ids : null, provider, clientKey);
        // A compressed body is relayed as it came and read decoded (usage, stored body, preview).
        var coding = ContentCodings.Of(response.Content.Headers.ContentEncoding);
        var observed = DecodingTap.For(tap, coding);
        ResponseRelay.RelayedBody relayedBody;
        try
        {
            relayedBody = await ResponseRelay.RelayBodyAsync(context, answer.Body!,
                answer.Buffer, answer.FirstCount, answer.Timer, filter, observed);
        }
        finally
        {
            (observed as IDisposable)?.Dispose();
        }
        var (body, usage) = tap.Finish();
        if (coding == ContentCoding.Unsupported || observed is DecodingTap { Failed: true })
            usage = UsageReading.Unread;
        var relayed = observed is DecodingTap decoding ? decoding.RawBytes : body.TotalBytes;
        var status = (int)response.StatusCode;
        var judged = watch.IsStream || JsonMediaType.Is(contentType);
        var end = RelayEnds.AfterClientLeft(relayedBody.End, relayedBody.DeliveredAll,
            context.Response.ContentLength, relayedBody.SentBytes, judged, usage);
        end = RelayEnds.Settle(end, status, ClosesToEnd(response), judged, usage);
        return new RelayResult(status, contentType, body, relayed, end, usage, ttfb);
    }

    // HTTP/1 with no length and no chunked coding last: the body ends when the connection
    // closes (`Transfer-Encoding: identity` too, helper-56). Read without parsing the headers.
    private static bool ClosesToEnd(HttpResponseMessage response) =>
        response.Version.Major < 2
        && !response.Content.Headers.NonValidated.Contains(HeaderNames.ContentLength)
        && !(response.Headers.NonValidated.TryGetValues(HeaderNames.TransferEncoding,
                out var codings)
            && codings.ToString().TrimEnd()
                .EndsWith("chunked", StringComparison.OrdinalIgnoreCase));
}
