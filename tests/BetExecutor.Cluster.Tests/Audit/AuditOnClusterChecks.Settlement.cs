using BetExecutor.Cluster.Tests.Audit.Support;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Cluster.Tests.Audit;

/// <summary>
/// Audit category 3, settlement and reconciliation (3 checks). Polls are counted from the pair's stored
/// <c>pair.settlement-polled.v1</c> events in Redis (the venue's book does not count settlement queries).
/// </summary>
public sealed partial class AuditOnClusterChecks
{
    private const string Polled = "pair.settlement-polled.v1";

    private async Task<List<StoredEvent>> PollsAsync(AuditSignal signal) =>
        (await _cluster.Journal.PairAsync(signal.Identity, signal.SignalId)).Where(e => e.Manifest == Polled).ToList();

    [Fact]
    public async Task Settlement_is_polled_until_both_legs_are_final()
    {
        var signal = new AuditSignal("s-1", AuditSignal.Account("settle-polls"));
        await _cluster.ScriptAsync(signal, positiveSettles: SettlementState.Pending);
        await _cluster.ExecuteAsync(signal);

        // Five polls in, the venue still shows the positive as pending; then it settles.
        await _cluster.UntilAsync(async () => (await PollsAsync(signal)).Count >= 5, AuditCluster.Within, $"{signal}: five settlement polls stored");
        var polling = (await _cluster.Gateway.ReportAsync(signal))!;
        Assert.Equal((PairStanding.InFlight.Code(), (bool?)true), (polling.PairState, polling.Hedged));
        await _cluster.ScriptAsync(signal.PositiveReference, "accept", SettlementState.Won);
        var final = await _cluster.FinalAsync(signal);

        Assert.Equal(PairStanding.Settled.Code(), final.PairState);
        var polls = await PollsAsync(signal);
        Assert.True(polls.Count >= 6, $"{polls.Count} polls");
        Assert.Equal(Enumerable.Range(1, polls.Count), polls.Select(p => p.At("poll")!.Value.GetInt32()));
        Assert.All(polls.SkipLast(1), p => Assert.Equal("pending", p.Text("positive")));
        Assert.Equal("won", polls[^1].Text("positive"));
        await Task.Delay(TimeSpan.FromSeconds(1)); // over six poll intervals: a pair still polling would show here
        Assert.Equal(polls.Count, (await PollsAsync(signal)).Count);
        _cluster.Passed();
    }

    private static readonly HeadStart<PostAnswer> PollingToTheLimit = new(nameof(Polling_stops_after_120_polls_and_raises_an_exposure), async cluster =>
    {
        var signal = new AuditSignal("s-1", AuditSignal.Account("settle-limit"));
        await cluster.ScriptAsync(signal, positiveSettles: SettlementState.Pending, hedgeSettles: SettlementState.Pending);
        return await cluster.ExecuteAsync(signal);
    });

    [Fact, AfterHeadStart]
    public async Task Polling_stops_after_120_polls_and_raises_an_exposure()
    {
        // The limit is the shipped default (not overridden); only the interval between polls is short here.
        Assert.False(AuditTimings.Overrides("max-settlement-polls"), "the audit cluster's HOCON sets max-settlement-polls; this check must see the shipped default");
        await _cluster.HeadStartOf(PollingToTheLimit);
        var signal = new AuditSignal("s-1", AuditSignal.Account("settle-limit"));

        var final = await _cluster.FinalAsync(signal, TimeSpan.FromSeconds(120));

        Assert.Equal((PairStanding.Exposure.Code(), ExposureReason.PollLimitReached.Code()), (final.PairState, final.ExposureReason));
        var polls = await PollsAsync(signal);
        Assert.Equal(Enumerable.Range(1, 120), polls.Select(p => p.At("poll")!.Value.GetInt32()));
        await Task.Delay(TimeSpan.FromSeconds(1)); // nothing keeps polling
        Assert.Equal(120, (await PollsAsync(signal)).Count);
        _cluster.Passed();
    }

    public static readonly TheoryData<SettlementState, SettlementState, ExposureReason?> SettlementOutcomes = new()
    {
        { SettlementState.Won, SettlementState.Lost, null },
        { SettlementState.Lost, SettlementState.Won, null },
        { SettlementState.Void, SettlementState.Void, null },
        { SettlementState.Void, SettlementState.Lost, ExposureReason.VoidOneSide },
        { SettlementState.Won, SettlementState.Void, ExposureReason.VoidOneSide },
        { SettlementState.HalfWon, SettlementState.Lost, ExposureReason.PartialSettlement },
        { SettlementState.Lost, SettlementState.HalfLost, ExposureReason.PartialSettlement },
        { SettlementState.Lost, SettlementState.Lost, ExposureReason.BothLost },
        { SettlementState.Won, SettlementState.Won, ExposureReason.BothWon },
    };

    [Fact]
    public async Task Every_settlement_scenario_is_classified_expected_or_exposure()
    {
        var cases = SettlementOutcomes.Select((row, i) => (Signal: new AuditSignal("s-1", AuditSignal.Account($"settle-case-{i}")),
            Positive: (SettlementState)row[0], Hedge: (SettlementState)row[1], Expected: (ExposureReason?)row[2])).ToList();
        foreach (var c in cases) await _cluster.ScriptAsync(c.Signal, positiveSettles: c.Positive, hedgeSettles: c.Hedge);

        await Task.WhenAll(cases.Select(c => _cluster.ExecuteAsync(c.Signal)));
        var finals = await Task.WhenAll(cases.Select(c => _cluster.FinalAsync(c.Signal)));

        foreach (var (c, final) in cases.Zip(finals))
        {
            var expected = c.Expected is { } reason
                ? (PairStanding.Exposure.Code(), (string?)reason.Code())
                : (PairStanding.Settled.Code(), null);
            Assert.True(expected == (final.PairState, final.ExposureReason), $"{c.Positive}/{c.Hedge}: expected {expected}, got {final}");
        }
        _cluster.Passed();
    }
}
