using Akka.Actor;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Time;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Accounts;
using Microsoft.Extensions.Time.Testing;

namespace BetExecutor.Actors.Tests;

/// <summary>
/// Issue 9 item 6: the cooldown runs from the positive intent, which a pair records a moment after its signal's
/// acceptance. The executed answer must promise the same instant that status and later refusals report, so a client
/// retrying at the promised instant is not refused.
/// </summary>
public sealed class CooldownAnswerSpecs : ActorSpecBase
{
    [Fact]
    public async Task The_executed_answer_promises_the_cooldown_end_that_status_and_a_later_refusal_report()
    {
        // Every reading of this clock is 27 ms after the last: the pair's intent is always later than the acceptance.
        var time = new FakeTimeProvider(Start) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(27) };
        var venue = new VenueSimulator(time, seed: 3);
        var services = Services with { Clock = new RealClock(time), Venues = new SingleVenueDirectory(venue) };
        var account = Sys.ActorOf(AccountActor.Props(Alice, services));

        var answer = await account.Ask<SignalAnswer>(new ExecuteSignal(SignalFor(Alice, "s-1")), TimeSpan.FromSeconds(10));
        Assert.Equal(SignalAnswerKind.Executed, answer.Kind);
        var status = await account.Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10));
        var refusal = await account.Ask<SignalAnswer>(new ExecuteSignal(SignalFor(Alice, "s-2")), TimeSpan.FromSeconds(10));

        Assert.Equal(DenialReason.Cooldown, refusal.Reason);
        Assert.Equal(status.CooldownUntil, answer.CooldownUntil);
        Assert.Equal(refusal.CooldownUntil, answer.CooldownUntil);
    }
}
