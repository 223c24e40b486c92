using System.Net;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.KillSwitch;
using BetExecutor.Admin.Tests.Support;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.KillSwitch;
using BetExecutor.Audit.Tests.Support;
using static BetExecutor.Admin.Tests.Support.AdminHarness;

namespace BetExecutor.Admin.Tests;

/// <summary>
/// The global kill switch: stored as events naming the operator, it stops every new positive, survives a restart of
/// the node, and never stops a pair already in flight from hedging and settling (bets counted in the venue's book).
/// </summary>
public sealed class KillSwitchTests
{
    [Fact]
    public async Task Halt_all_stores_an_event_naming_the_operator_and_every_new_signal_is_refused_until_resume_all()
    {
        await using var admin = await AdminHarness.StartAsync();

        var noReason = await admin.PostAsync("halt-all", new { });
        var halted = await admin.PostAsync("halt-all", new { reason = "venue outage" });
        var again = await admin.PostAsync("halt-all", new { reason = "twice" }, token: OtherToken);
        var refused = await admin.Simulation.ExecuteAsync(SignalFor("s-1", Bob));
        var shown = await admin.GetAsync("kill-switch");
        var resumed = await admin.PostAsync("resume-all", new { reason = "venue back" }, token: OtherToken);
        var resumedAgain = await admin.PostAsync("resume-all", new { reason = "twice" });
        admin.ScriptSettling(SignalFor("s-2", Bob));
        var accepted = await admin.Simulation.ExecuteAsync(SignalFor("s-2", Bob));

        Assert.Equal((HttpStatusCode.BadRequest, "bad-request", "reason"), (noReason.Status, noReason.ErrorCode, noReason.ErrorField));
        Assert.Equal(HttpStatusCode.OK, halted.Status);
        Assert.Equal(("halt-all", "true", "ops-anna", "venue outage"), (halted["action"], halted["halted"], halted["by"], halted["reason"]));
        var node = Assert.Single(halted.Json!["nodes"]!.AsArray());
        Assert.Equal(("halted", true), (node!["state"]!.GetValue<string>(), node["acknowledged"]!.GetValue<bool>()));
        Assert.Equal((HttpStatusCode.Conflict, "refused"), (again.Status, again.ErrorCode));
        Assert.Contains("already on", again.Json!["error"]!["message"]!.GetValue<string>());
        Assert.Equal((SignalAnswerKind.Rejected, DenialReason.HaltedGlobally), (refused.Kind, refused.Reason));
        Assert.Contains("ops-anna", refused.Detail);
        Assert.Equal(("true", "ops-anna", "venue outage"), (shown["halted"], shown["by"], shown["reason"]));
        Assert.Equal("halted", shown.Json!["nodes"]![0]!["state"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.OK, "false", "ops-ben"), (resumed.Status, resumed["halted"], resumed["by"]));
        Assert.Equal(HttpStatusCode.Conflict, resumedAgain.Status);
        Assert.Equal(SignalAnswerKind.Executed, accepted.Kind);

        var events = await JournalReader.ReadAsync(admin.Simulation.Node.System, KillSwitchActor.Id);
        Assert.Collection(events,
            e => Assert.Equal(("venue outage", "ops-anna"), (((GlobalHaltSwitchedOn)e).Reason, ((GlobalHaltSwitchedOn)e).By)),
            e => Assert.Equal(("venue back", "ops-ben"), (((GlobalHaltSwitchedOff)e).Reason, ((GlobalHaltSwitchedOff)e).By)));
        Assert.All(events, e => Assert.Equal(Start, ((KillSwitchEvent)e).Meta.At));
        Assert.Contains(admin.Log.Events, e => e.RenderMessage().Contains("Operator action \"halt-all\" by \"ops-anna\": \"venue outage\""));
    }

    [Fact]
    public async Task A_pair_in_flight_when_the_switch_goes_on_still_hedges_and_settles_while_new_positives_are_refused()
    {
        await using var admin = await AdminHarness.StartAsync();
        var inFlight = SignalFor("s-1", Alice);
        admin.ScriptHedgeInDoubt(inFlight);
        Assert.Equal(SignalAnswerKind.Executed, (await admin.Simulation.ExecuteAsync(inFlight)).Kind);
        var before = await admin.Simulation.StatusAsync(Alice);
        Assert.Equal("s-1", before.ExecutingPairId); // the hedge is still in doubt: the pair is not hedged yet

        var halted = await admin.PostAsync("halt-all", new { reason = "stop everything" });
        admin.ScriptSettling(SignalFor("s-2", Bob));
        var refused = await admin.Simulation.ExecuteAsync(SignalFor("s-2", Bob));
        await admin.Simulation.RunUntilQuietAsync(Start.AddHours(12));

        Assert.Equal(HttpStatusCode.OK, halted.Status);
        Assert.Equal(DenialReason.HaltedGlobally, refused.Reason);
        Assert.Equal(2, admin.BetsHeld(Alice, "s-1"));   // the positive and its hedge
        Assert.Equal(0, admin.BetsHeld(Bob, "s-2"));     // nothing sent for the refused signal
        Assert.DoesNotContain(admin.Simulation.Venue.AllAttempts(), a => a.Request.Account == Bob);
        var outcomes = await admin.Simulation.PersistedOutcomesAsync(Alice);
        Assert.Equal("settled", outcomes["s-1"].Code);
    }

    [Fact]
    public async Task The_switch_survives_a_restart_of_the_node_and_the_restarted_node_refuses_new_signals()
    {
        await using var admin = await AdminHarness.StartAsync();
        await admin.PostAsync("halt-all", new { reason = "overnight" });

        await admin.RestartAsync();
        var refused = await admin.Simulation.ExecuteAsync(SignalFor("s-1", Bob));
        var shown = await admin.GetAsync("kill-switch");
        await admin.PostAsync("resume-all", new { reason = "morning" });
        admin.ScriptSettling(SignalFor("s-2", Bob));
        var accepted = await admin.Simulation.ExecuteAsync(SignalFor("s-2", Bob));

        Assert.Equal(DenialReason.HaltedGlobally, refused.Reason);
        Assert.Equal(0, admin.BetsHeld(Bob, "s-1"));
        Assert.Equal(("true", "ops-anna", "overnight"), (shown["halted"], shown["by"], shown["reason"]));
        Assert.Equal("halted", shown.Json!["nodes"]![0]!["state"]!.GetValue<string>());
        Assert.Equal(SignalAnswerKind.Executed, accepted.Kind);
    }
}
