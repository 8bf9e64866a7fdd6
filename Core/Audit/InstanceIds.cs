namespace Menshen.Core.Audit;

/// Audit ids of gateways that share one database (SPEC §15): unique across instances and
/// ordered by time. An id is `ms · 1000 + sequence · 32 + instance`: the Unix milliseconds of
/// its request, times 1000 like the single-instance ids (so `id / 1000` is still the time and
/// the report's id ranges still work), then up to 31 ids per millisecond per instance, for up
/// to 32 instances. An instance that needs more in one millisecond borrows the next one; the
/// ids stay strictly increasing and below 2^53 (JavaScript reads them exactly).
public static class InstanceIds
{
    /// Instances that can share a database at once (instance numbers 0..31).
    public const int Instances = 32;

    /// Ids one instance hands out per millisecond before it borrows the next.
    public const int PerMillisecond = 31;

    /// The id of the `sequence`-th request of `instance` in millisecond `ms`.
    public static long Compose(long ms, int instance, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(instance);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(instance, Instances);
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sequence, PerMillisecond);
        return ms * 1000 + sequence * Instances + instance;
    }

    /// Ids of a millisecond that no instance hands out (the last of each thousand): where a row
    /// goes whose own id another instance took (PgInstanceSlot: two instances with one number).
    public const int SparePerMillisecond = 1000 - Instances * PerMillisecond;

    /// The `attempt`-th spare id for a row whose id is taken: in the id's own millisecond for the
    /// first SparePerMillisecond attempts, then in the ones after it, so the row keeps its place
    /// in time order. No instance makes these ids (their sequence is PerMillisecond).
    public static long Spare(long id, int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var ms = id / 1000 + attempt / SparePerMillisecond;
        return ms * 1000 + Instances * PerMillisecond + attempt % SparePerMillisecond;
    }

    /// The millisecond, instance and sequence of an id made by <see cref="Compose"/>.
    public static (long Ms, int Instance, int Sequence) Split(long id)
    {
        var slot = (int)(id % 1000);
        return (id / 1000, slot % Instances, slot / Instances);
    }

    /// The id after `last` for `instance` at `nowMs`: greater than `last` (the instance's
    /// previous id, or any id already stored, or 0), in the millisecond `nowMs` unless `last`
    /// is already there or later (a clock stepped back, or a borrowed millisecond).
    public static long Next(long last, long nowMs, int instance)
    {
        var lastMs = last / 1000;
        if (nowMs > lastMs) return Compose(nowMs, instance, 0);
        // `last` may be another instance's id, or any slot: continue after its sequence.
        var sequence = (int)(last % 1000) / Instances + 1;
        return sequence < PerMillisecond ? Compose(lastMs, instance, sequence)
            : Compose(lastMs + 1, instance, 0);
    }
}
