using BetExecutor.Actors.Time;
using Microsoft.Extensions.Time.Testing;

namespace BetExecutor.Actors.Tests;

public sealed class RealClockSpecs : Akka.TestKit.Xunit2.TestKit
{
    [Fact]
    public void A_wait_longer_than_any_timer_can_hold_is_delivered_on_time_and_not_before()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var clock = new RealClock(time);
        var kickOff = time.GetUtcNow().AddDays(120); // beyond the ~49.7-day limit of one timer

        clock.Schedule(kickOff, TestActor, "wake");
        for (var day = 0; day < 119; day++) time.Advance(TimeSpan.FromDays(1));
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
        time.Advance(TimeSpan.FromDays(1));

        ExpectMsg("wake");
    }

    [Fact]
    public void A_wait_already_due_is_delivered_at_once()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

        new RealClock(time).Schedule(time.GetUtcNow().AddSeconds(-1), TestActor, "now");

        ExpectMsg("now");
    }
}
