using Menshen.Core.Caching;
using Menshen.Core.Errors;
using Menshen.Core.Routing;

namespace Menshen.Core.Exchanges;

/// How the client was answered: a closed set, one case per way a request can end. The cases
/// live in this one file so the set reads as a whole.
public abstract record Answer
{
    private Answer() { }

    /// An upstream answer was relayed. `LastResort`: every provider failed and this is the last
    /// answer one gave.
    public sealed record Relayed(RelayResult Relay, bool LastResort) : Answer;

    /// A stored answer was replayed; `Completed` is false when the client left during it.
    public sealed record Replayed(CacheEntry Entry, bool Completed, double TtfbMs) : Answer;

    /// The gateway answered with an error of its own (`ClientLeft`: it noticed the client gone).
    /// `Sent`: the error body the client was sent (empty when none was: the answer had begun).
    public sealed record Refused(GatewayError Error, bool ClientLeft,
        ReadOnlyMemory<byte> Sent = default) : Answer;

    /// No provider answered (or the client left first, or the gateway's shutdown grace ran out
    /// first: `Stopped`): see <see cref="FailedAnswer"/>. `Sent`: the error body the client was
    /// sent (empty when none was: the client had left).
    public sealed record Unanswered(bool ClientLeft, AttemptFailure LastFailure, bool Passthrough,
        bool Stopped = false, ReadOnlyMemory<byte> Sent = default) : Answer;
}
