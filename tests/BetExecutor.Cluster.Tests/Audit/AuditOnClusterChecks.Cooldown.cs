using BetExecutor.Cluster.Tests.Audit.Support;
using BetExecutor.Domain.Accounts;
using BetExecutor.LocalCluster;

namespace BetExecutor.Cluster.Tests.Audit;

/// <summary>Audit category 2, cooldown (5 checks). The cluster runs the shipped cooldown: reference.conf's 60 s.</summary>
public sealed partial class AuditOnClusterChecks
{
    private static readonly TimeSpan ShippedCooldown = TimeSpan.FromSeconds(60);

    /// <summary>The end of the cooldown the identity's stored events give: the last acceptance or extension (from the positive intent).</summary>
    private static (DateTimeOffset From, DateTimeOffset Until) StoredCooldown(IEnumerable<StoredEvent> events)
    {
        var last = events.Last(e => e.Manifest is "account.signal-accepted.v1" or "account.cooldown-extended.v1");
        return (last.Instant("meta.at"), last.Instant(last.Manifest == "account.signal-accepted.v1" ? "cooldownUntil" : "until"));
    }

    [Fact]
    public async Task Cooldown_is_sixty_seconds_by_default()
    {
        // Not overridden for this cluster: what the nodes apply is the default they ship with.
        Assert.False(AuditTimings.Overrides("cooldown"), "the audit cluster's HOCON sets cooldown; this check must see the shipped default");
        var signal = new AuditSignal("s-1", AuditSignal.Account("cool-default"));
        await _cluster.ScriptAsync(signal);

        var answer = await _cluster.ExecuteAsync(signal);
        var report = (await _cluster.Gateway.ReportAsync(signal))!;

        // The cooldown runs from the positive intent, recorded just after the acceptance: the answer's end is the
        // intent's instant plus the cooldown, both as the executor stored them.
        var events = await _cluster.Journal.AccountAsync(signal.Identity);
        var accepted = events.Single(e => e.Manifest == "account.signal-accepted.v1");
        Assert.Equal(ShippedCooldown, accepted.Instant("cooldownUntil") - accepted.Instant("meta.at"));
        var (from, until) = StoredCooldown(events);
        Assert.Equal(ShippedCooldown, until - from);
        Assert.Equal(until, answer.CooldownUntil);
        Assert.Equal(accepted.Instant("meta.at"), report.DecidedAt);
        _cluster.Print($"cooldown: decided {report.DecidedAt:O}, intent {from:O}, until {until:O} ({(until - report.DecidedAt).TotalSeconds:0.000} s after the decision)");
        _cluster.Passed();
    }

    [Fact]
    public async Task Cooldown_is_persisted_as_an_event_with_its_absolute_expiry()
    {
        // In-process this reads the node's journal; here the events are read back from the cluster's shared Redis,
        // where any executor that takes the identity over recovers them from.
        var signal = new AuditSignal("s-1", AuditSignal.Account("cool-persisted"));
        await _cluster.ScriptAsync(signal);

        var answer = await _cluster.ExecuteAsync(signal);

        var events = await _cluster.Journal.AccountAsync(signal.Identity);
        var accepted = Assert.Single(events, e => e.Manifest == "account.signal-accepted.v1");
        Assert.Equal("s-1", accepted.Text("signal.signalId"));
        Assert.Equal(answer.CooldownUntil, StoredCooldown(events).Until); // an instant, not a duration: a restart cannot restart it
        Assert.Contains(accepted.Text("meta.node"), _cluster.Cluster.Executors.Select(n => n.Name)); // which worker wrote it
        Assert.False(string.IsNullOrEmpty(accepted.Text("meta.incarnation")));
        _cluster.Passed();
    }

    [Fact]
    public async Task New_signal_is_blocked_during_the_cooldown_with_the_time_it_ends()
    {
        var identity = AuditSignal.Account("cool-blocks");
        var first = new AuditSignal("s-1", identity);
        var second = new AuditSignal("s-2", identity);
        await _cluster.ScriptAsync(first);
        await _cluster.ScriptAsync(second);
        var executed = await _cluster.ExecuteAsync(first);

        var answer = await _cluster.SendAsync(second);

        Assert.True(DateTimeOffset.UtcNow < executed.CooldownUntil, "the second signal was answered after the cooldown; this check proves nothing");
        Assert.Equal(("rejected", DenialReason.Cooldown.Code()), (answer.Decision, answer.Reason));
        Assert.Equal(executed.CooldownUntil, answer.CooldownUntil);
        Assert.Equal(executed.CooldownUntil, InstantAfter(answer.Detail, "cooldown until "));
        var report = (await _cluster.Gateway.ReportAsync(second))!;
        Assert.Equal(PairStanding.Rejected.Code(), report.PairState);
        var book = await _cluster.BookAsync();
        Assert.Equal((0, 0), (book.Requests(second.PositiveReference), book.Requests(second.HedgeReference)));
        _cluster.Passed();
    }

    private static readonly HeadStart<PostAnswer> CooldownToRunOut = new(nameof(Signal_is_accepted_again_once_the_cooldown_has_passed), async cluster =>
    {
        var first = new AuditSignal("s-1", AuditSignal.Account("cool-passes"));
        await cluster.ScriptAsync(first);
        return await cluster.ExecuteAsync(first);
    });

    [Fact, AfterHeadStart]
    public async Task Signal_is_accepted_again_once_the_cooldown_has_passed()
    {
        var executed = await _cluster.HeadStartOf(CooldownToRunOut);
        var next = new AuditSignal("s-2", AuditSignal.Account("cool-passes"));
        await _cluster.ScriptAsync(next);

        await AuditCluster.PassAsync(executed.CooldownUntil!.Value);
        var answer = await _cluster.SendAsync(next);

        Assert.Equal("executed", answer.Decision);
        var (from, until) = StoredCooldown(await _cluster.Journal.AccountAsync(next.Identity));
        Assert.Equal((until, ShippedCooldown), (answer.CooldownUntil!.Value, until - from)); // a new cooldown, from the new intent
        Assert.True(from > executed.CooldownUntil);
        _cluster.Passed();
    }

    /// <summary>What the restart head start saw: the first answer, the executor that hosted the identity and was stopped, the answer while stopped.</summary>
    private sealed record AcrossRestart(PostAnswer First, string StoppedHost, PostAnswer DuringRestart);

    /// <summary>
    /// The identity's host process ends and the identity is recovered from Redis by another executor: the cluster's
    /// form of "survives a restart". Done before any other check has an identity, alone, and the stopped node is
    /// started again before the rest run, so no other check runs through a hand-over or on two nodes.
    /// </summary>
    private static readonly HeadStart<AcrossRestart> CooldownAcrossRestart = new(nameof(Cooldown_survives_a_restart_and_resumes_from_its_absolute_expiry), async cluster =>
    {
        var identity = AuditSignal.Account("cool-restart");
        var first = new AuditSignal("s-1", identity);
        await cluster.ScriptAsync(first);
        var executed = await cluster.ExecuteAsync(first);
        await cluster.FinalAsync(first); // nothing in flight when its host stops
        var host = cluster.Executor((await cluster.Journal.AccountAsync(identity)).Single(e => e.Manifest == "account.signal-accepted.v1").Text("meta.node")!);

        // SIGTERM: the node leaves the cluster and hands its shards over (SIGKILL fail-over is FailoverTests' subject).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(await host.Process.StopAsync(LaunchedCluster.StopGrace), $"{host} did not end on SIGTERM");
        var stopped = clock.Elapsed;
        var during = await cluster.SendAsync(new AuditSignal("s-2", identity));
        var answered = clock.Elapsed;
        await cluster.Cluster.RestartAsync(host, AuditCluster.Within);
        cluster.Print($"{host.Name} hosted {identity.Key}: ended {stopped.TotalSeconds:0.0} s after SIGTERM, the identity answered from another executor " +
            $"{(answered - stopped).TotalSeconds:0.0} s later, {host.Name} back in the cluster {clock.Elapsed.TotalSeconds:0.0} s after SIGTERM");
        return new AcrossRestart(executed, host.Name, during);
    }, Alone: true);

    [Fact, AfterHeadStart]
    public async Task Cooldown_survives_a_restart_and_resumes_from_its_absolute_expiry()
    {
        var (first, stoppedHost, during) = await _cluster.HeadStartOf(CooldownAcrossRestart);
        var identity = AuditSignal.Account("cool-restart");

        Assert.Equal(("rejected", DenialReason.Cooldown.Code()), (during.Decision, during.Reason));
        Assert.Equal(first.CooldownUntil, during.CooldownUntil); // not restarted at the restart's time
        var denied = (await _cluster.Journal.AccountAsync(identity)).Single(e => e.Manifest == "account.signal-denied.v1" && e.Text("signalId") == "s-2");
        Assert.NotEqual(stoppedHost, denied.Text("meta.node")); // decided by another process, from what Redis held

        var after = new AuditSignal("s-3", identity);
        await _cluster.ScriptAsync(after);
        await AuditCluster.PassAsync(first.CooldownUntil!.Value);
        Assert.Equal("executed", (await _cluster.SendAsync(after)).Decision);
        _cluster.Passed();
    }
}
