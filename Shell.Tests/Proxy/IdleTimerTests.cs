using Menshen.Shell.Proxy;

namespace Menshen.Shell.Tests.Proxy;

/// The idle timer is cancelled by the client's leaving as by its timeout, and says which.
public class IdleTimerTests
{
    [Fact]
    public void A_client_leaving_cancels_its_own_timer_and_is_not_a_timeout()
    {
        using var client = new CancellationTokenSource();
        using var timer = new IdleTimer(TimeSpan.FromMinutes(5), client.Token,
            CancellationToken.None);
        timer.Restart();

        client.Cancel();

        Assert.True(timer.Token.IsCancellationRequested);
        Assert.True(timer.ClientAborted);
        Assert.False(timer.TimedOut);
    }
}
