using Akka.Actor;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.KillSwitch;
using BetExecutor.Domain.Accounts;

namespace BetExecutor.Actors.Tests;

/// <summary>
/// The global kill switch as an account reads it (docs/architecture.md: the kill switch): on, or not known on the
/// node, no new signal is taken and nothing is sent; a later state with a lower sequence number never overrides.
/// </summary>
public sealed class KillSwitchSpecs : ActorSpecBase
{
    [Fact]
    public async Task A_node_that_does_not_know_the_switch_takes_no_new_signal_and_sends_nothing()
    {
        var view = new KillSwitchView();
        var account = Sys.ActorOf(AccountActor.Props(Alice, Services with { KillSwitch = view }));
        var signal = SignalFor(Alice, "s-1");
        Script(signal, "accept", "accept");

        var answer = await SendAsync(account, signal);

        Assert.Equal((SignalAnswerKind.Rejected, DenialReason.HaltedGlobally), (answer.Kind, answer.Reason));
        Assert.Contains("not known", answer.Detail);
        Assert.Empty(Venue.AllAttempts());
    }

    [Fact]
    public async Task The_account_follows_the_nodes_view_on_off_and_a_stale_state_never_overrides_a_newer_one()
    {
        var view = new KillSwitchView();
        Assert.True(view.Learn(new KillSwitchStatus(true, "outage", "ops", Start, 2)));
        Assert.False(view.Learn(new KillSwitchStatus(false, "old resume", "ops", Start, 1)));
        var account = Sys.ActorOf(AccountActor.Props(Alice, Services with { KillSwitch = view }));
        var first = SignalFor(Alice, "s-1");
        var second = SignalFor(Alice, "s-2");
        Script(first, "accept", "accept");
        Script(second, "accept", "accept");

        var refused = await SendAsync(account, first);
        view.Learn(new KillSwitchStatus(false, "back", "ops", Start, 3));
        var accepted = await SendAsync(account, second);

        Assert.Equal(DenialReason.HaltedGlobally, refused.Reason);
        Assert.Contains("by ops: outage", refused.Detail);
        Assert.Equal(SignalAnswerKind.Executed, accepted.Kind);
        Assert.Contains(Venue.AllAttempts(), a => a.Request.ClientReference.Value.EndsWith("-p"));
    }
}
