using System.Collections.Immutable;
using LanguageExt;
using LanguageExt.Common;
using Menshen.Core.Config.Raw;

namespace Menshen.Core.Config.Validation;

/// `[failover]`: which upstream statuses move on to the next provider, and passive health.
internal static class FailoverValidation
{
    // 401/403: this provider's key is revoked or lacks access; another provider may still serve.
    // 408: the upstream timed out reading the request. 429: rate limited here, maybe not there.
    // 5xx: the upstream failed (529: Anthropic's overloaded). 400 and 404 stay final: the
    // request itself is wrong everywhere.
    public static readonly ImmutableArray<int> DefaultOnStatus =
        [401, 403, 408, 429, .. Enumerable.Range(500, 100)];

    public static Validation<Error, FailoverConfig> Validate(RawFailover raw) =>
        (OnStatus(raw.OnStatus),
         Checks.Int("failover.unhealthy_after", raw.UnhealthyAfter, 3, 1),
         Checks.Seconds("failover.cooldown", raw.Cooldown, 30, 0))
            .Apply((statuses, after, cooldown) =>
                new FailoverConfig(raw.Enable ?? true, statuses, after, cooldown));

    // Items the reader already rejected (null) add nothing; the rest keep their index in messages.
    private static Validation<Error,
        ImmutableArray<int>> OnStatus(ImmutableArray<string?>? items) =>
        items is null
            ? DefaultOnStatus
            : items.Value
                .Select((item, i) => item is null
                    ? Prelude.Success<Error, ImmutableArray<int>>([])
                    : StatusSpec.Parse($"failover.on_status[{i}]", item))
                .ToSeq()
                .Sequence()
                .Map(parts => parts.SelectMany(p => p).Distinct().Order().ToImmutableArray());
}
