using Menshen.Core.Config;
using Menshen.Core.Routing;

namespace Menshen.Shell.Runtime;

/// This process's sticky table (`[routing] sticky = "key"`), swapped atomically; lost on restart
/// by design (a cold provider cache costs money, not correctness).
public sealed class StickyRoutes
{
    private StickyTable _table = StickyTable.Empty;

    public string? Lookup(RoutingConfig routing, string key, string model, DateTimeOffset now) =>
        routing.Sticky == StickyMode.Key ? Volatile.Read(ref _table).Lookup(key, model, now) : null;

    public void Record(
        RoutingConfig routing, string key, string model, string provider, DateTimeOffset now)
    {
        if (routing.Sticky != StickyMode.Key) return;
        while (true)
        {
            var before = Volatile.Read(ref _table);
            var after = before.Record(key, model, provider, now, routing.StickyTtl);
            if (Interlocked.CompareExchange(ref _table, after, before) == before) return;
        }
    }
}
