using Menshen.Shell.Runtime;
using Menshen.Shell.Tests.Support;

namespace Menshen.Shell.Tests.Runtime;

public class SteadyClockTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 29, 0, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Time_passing_moves_it_and_steps_of_the_wall_clock_do_not()
    {
        var wall = new ManualClock(Start) { FreezeTimestamps = true };
        var steady = new SteadyClock(wall);

        wall.Advance(TimeSpan.FromSeconds(5));
        wall.Step(TimeSpan.FromHours(-1));
        var afterBack = steady.GetUtcNow();
        wall.Step(TimeSpan.FromDays(100));
        wall.Advance(TimeSpan.FromSeconds(2));

        Assert.Equal(Start.AddSeconds(5), afterBack);
        Assert.Equal(Start.AddSeconds(7), steady.GetUtcNow());
        Assert.Equal(wall.GetTimestamp(), steady.GetTimestamp());
    }
}
