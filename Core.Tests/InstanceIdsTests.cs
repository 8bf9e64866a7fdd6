using CsCheck;
using Menshen.Core.Audit;

namespace Menshen.Core.Tests;

public class InstanceIdsTests
{
    // Unix ms from 2001 to 2255: every id stays below 2^53.
    private static readonly Gen<long> Ms = Gen.Long[1_000_000_000_000, 9_000_000_000_000];
    private static readonly Gen<int> Instance = Gen.Int[0, InstanceIds.Instances - 1];
    private static readonly Gen<int> Sequence = Gen.Int[0, InstanceIds.PerMillisecond - 1];

    [Fact]
    public void Split_inverts_Compose() =>
        Gen.Select(Ms, Instance, Sequence).Sample((ms, instance, sequence) =>
            InstanceIds.Split(InstanceIds.Compose(ms, instance, sequence)) == (ms, instance, sequence));

    [Fact]
    public void Spare_ids_are_made_by_no_instance_and_differ_by_attempt() =>
        Gen.Select(Ms, Instance, Sequence, Gen.Int[0, 40]).Sample((ms, instance, sequence, attempt) =>
        {
            var id = InstanceIds.Compose(ms, instance, sequence);

            var spare = InstanceIds.Spare(id, attempt);

            var (spareMs, spareInstance, spareSequence) = InstanceIds.Split(spare);
            return spareSequence >= InstanceIds.PerMillisecond
                && spareMs == ms + attempt / InstanceIds.SparePerMillisecond
                && InstanceIds.Spare(id, attempt + 1) != spare
                && InstanceIds.Spare(id, attempt + InstanceIds.SparePerMillisecond) != spare
                && spareInstance < InstanceIds.Instances;
        });

    [Fact]
    public void Next_after_a_spare_id_is_an_ordinary_id() =>
        Gen.Select(Ms, Gen.Int[0, 20], Instance).Sample((ms, attempt, instance) =>
        {
            var spare = InstanceIds.Spare(ms * 1000, attempt);

            var next = InstanceIds.Next(spare, spare / 1000, instance);

            return next > spare && InstanceIds.Split(next).Sequence < InstanceIds.PerMillisecond;
        });

    [Fact]
    public void Compose_keeps_the_millisecond_as_id_div_1000() =>
        Gen.Select(Ms, Instance, Sequence).Sample((ms, instance, sequence) =>
            InstanceIds.Compose(ms, instance, sequence) / 1000 == ms);

    [Fact]
    public void Next_is_greater_than_last_and_carries_the_instance() =>
        Gen.Select(Ms, Gen.Int[0, 999], Gen.Long[-5, 5], Instance).Sample((ms, slot, skew, instance) =>
        {
            var last = ms * 1000 + slot;

            var actual = InstanceIds.Next(last, ms + skew, instance);

            return actual > last && InstanceIds.Split(actual).Instance == instance
                && actual / 1000 >= Math.Max(ms, ms + skew);
        });

    [Fact]
    public void Next_is_in_the_current_millisecond_when_the_clock_moved_on() =>
        Gen.Select(Ms, Gen.Long[1, 1000], Instance).Sample((ms, step, instance) =>
            InstanceIds.Next(ms * 1000 + 999, ms + step, instance) / 1000 == ms + step);

    // Three instances handing out ids over the same milliseconds, interleaved any way, never
    // share one, and each instance's ids increase.
    [Fact]
    public void Instances_sharing_a_clock_never_collide() =>
        Gen.Select(Gen.Int[0, 2], Gen.Long[0, 3]).Array[1, 400].Sample(steps =>
        {
            var last = new long[3];
            var seen = new HashSet<long>();
            var clock = 1_700_000_000_000L;
            foreach (var (instance, tick) in steps)
            {
                clock += tick;
                var id = InstanceIds.Next(last[instance], clock, instance);
                if (id <= last[instance] || !seen.Add(id)) return false;
                last[instance] = id;
            }
            return true;
        });

    [Fact]
    public void Next_after_31_ids_in_one_millisecond_borrows_the_next()
    {
        var id = 0L;
        for (var i = 0; i < InstanceIds.PerMillisecond; i++) id = InstanceIds.Next(id, 5000, 3);

        var actual = InstanceIds.Next(id, 5000, 3);

        Assert.Equal(InstanceIds.Compose(5001, 3, 0), actual);
    }
}
