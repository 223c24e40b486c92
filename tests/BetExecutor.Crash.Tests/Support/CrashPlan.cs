using BetExecutor.Venues.Scripts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Crash.Tests.Support;

/// <summary>One signal of the plan: whose it is, how the venue answers each leg, and the pause before it is sent.</summary>
public sealed record PlannedSignal(
    int Number,
    Identity Identity,
    Identity Hedger,
    decimal Stake,
    LegScript Positive,
    string PositiveMix,
    LegScript Hedge,
    string HedgeMix,
    TimeSpan PauseBefore)
{
    public string SignalId => $"crash-{Number:D4}";

    public ClientReference PositiveRef => ClientReference.For(Identity, SignalId, LegKind.Positive);

    public ClientReference HedgeRef => ClientReference.For(Identity, SignalId, LegKind.Hedge);

    /// <summary>Whether the scripted final states are not the balanced won/lost or void/void of an arbitrage.</summary>
    public bool UnbalancedSettlement =>
        !Positive.Settle.IsFinal() || !Hedge.Settle.IsFinal()
        || BetExecutor.Domain.Pairs.SettlementClassifier.Classify(Positive.Settle, Hedge.Settle) is not null;

    public Signal ToSignal(DateTimeOffset kickOff) =>
        new(SignalId, Identity,
            new SportEvent($"event-{Number:D4}", kickOff),
            new PositiveLegSpec("match-odds", "home", 2.10m, Stake, "EUR"),
            new HedgeLegSpec(Hedger, "match-odds", "not-home", 2.05m, 1.95m));

    public override string ToString() =>
        $"signal {SignalId} for {Identity} (positive {PositiveRef}: {PositiveMix}; hedge {HedgeRef} as {Hedger}: {HedgeMix})";
}

/// <summary>
/// One kill: the incarnation runs for <paramref name="After"/>; then, if <paramref name="RightAfterASignal"/> is set,
/// one more signal is sent and the kill follows it by that much (a few milliseconds: while the signal's acceptance,
/// its pair's intent or its positive's request are being written), else the kill comes at once.
/// </summary>
public sealed record PlannedKill(TimeSpan After, TimeSpan? RightAfterASignal);

/// <summary>
/// Everything random in the crash test, drawn up front from one seed: the signals (identity, stake, the venue's
/// script of both legs, the pause before each), and how long each node incarnation runs before it is killed.
/// The same seed gives the same plan; how far a run gets through it depends on the machine's speed.
/// Half the kills come a few milliseconds after a signal, so that they land inside its acceptance, its
/// pair's first events and its positive's request; the rest land wherever the pairs in flight happen to be.
/// </summary>
public sealed record CrashPlan(int Seed, IReadOnlyList<PlannedKill> Kills, IReadOnlyList<PlannedSignal> Signals)
{
    public static readonly Identity[] Identities =
    [
        Identity.Create("bookie", "brand1", "acct-1"),
        Identity.Create("bookie", "brand1", "acct-2"),
        Identity.Create("bookie", "brand1", "acct-3"),
        Identity.Create("bookie", "brand2", "acct-1"),
        Identity.Create("bookie", "brand2", "acct-2"),
        Identity.Create("softbook", "brand1", "acct-1"),
        Identity.Create("softbook", "brand1", "acct-2"),
        Identity.Create("softbook", "brand2", "acct-1"),
    ];

    public static readonly Identity[] Hedgers =
    [
        Identity.Create("exchange", "main", "hedger-1"),
        Identity.Create("exchange", "main", "hedger-2"),
    ];

    public static CrashPlan Create(int seed, int kills, int signals)
    {
        var random = new Random(seed);
        var plannedKills = Enumerable.Range(0, kills)
            .Select(_ => new PlannedKill(
                TimeSpan.FromMilliseconds(random.Next(1_000, 4_001)),
                random.NextDouble() < 0.5 ? TimeSpan.FromMilliseconds(random.Next(0, 9)) : null))
            .ToArray();
        var planned = new List<PlannedSignal>(signals);
        for (var n = 1; n <= signals; n++)
        {
            var identity = Identities[random.Next(Identities.Length)];
            var hedger = Hedgers[random.Next(Hedgers.Length)];
            var stake = random.Next(20, 101);
            var (positiveSettle, hedgeSettle, settleMix) = DrawSettlement(random);
            var (positive, positiveMix) = DrawPositive(random, positiveSettle);
            var (hedge, hedgeMix) = DrawHedge(random, hedgeSettle);
            var pause = TimeSpan.FromMilliseconds(random.Next(100, 701));
            planned.Add(new PlannedSignal(n, identity, hedger, stake, positive, $"{positiveMix}, {settleMix}", hedge, hedgeMix, pause));
        }
        return new CrashPlan(seed, plannedKills, planned);
    }

    /// <summary>Mostly the balanced outcome of an arbitrage; the rest are the exposures of docs/architecture.md §3.</summary>
    private static (SettlementState Positive, SettlementState Hedge, string Mix) DrawSettlement(Random random)
    {
        var roll = random.NextDouble();
        return roll switch
        {
            < 0.38 => (SettlementState.Won, SettlementState.Lost, "won/lost"),
            < 0.76 => (SettlementState.Lost, SettlementState.Won, "lost/won"),
            < 0.81 => (SettlementState.Void, SettlementState.Void, "void/void"),
            < 0.85 => (SettlementState.Won, SettlementState.Won, "won/won"),
            < 0.89 => (SettlementState.Lost, SettlementState.Lost, "lost/lost"),
            < 0.93 => (SettlementState.Void, SettlementState.Lost, "void/lost"),
            < 0.97 => (SettlementState.HalfWon, SettlementState.Lost, "half-won/lost"),
            _ => (SettlementState.Won, SettlementState.Pending, "won/pending"),
        };
    }

    /// <summary>
    /// The positive: mostly accepted; otherwise rejected, or an unknown outcome (answer lost with or without the
    /// bet, server error) that only a lookup can resolve, sometimes with the venue's search down. A bet taken with
    /// a lost answer shows in lookups within 1.5 s, inside the node's unknown window (4 s here).
    /// </summary>
    private static (LegScript Script, string Mix) DrawPositive(Random random, SettlementState settle)
    {
        var roll = random.NextDouble();
        var visible = TimeSpan.FromMilliseconds(random.Next(0, 1_501));
        return roll switch
        {
            < 0.56 => (new(PlaceScript.Accept, settle, TimeSpan.Zero), "accept"),
            < 0.68 => (new(new PlaceScript(PlaceBehaviour.TimeoutPlaced), settle, visible), $"timeout-placed (visible after {visible.TotalMilliseconds:0} ms)"),
            < 0.71 => (new(new PlaceScript(PlaceBehaviour.TimeoutPlaced), settle, TimeSpan.Zero, LookupFails: true), "timeout-placed, lookups fail"),
            < 0.77 => (new(new PlaceScript(PlaceBehaviour.TimeoutNotPlaced), settle, TimeSpan.Zero), "timeout-not-placed"),
            < 0.81 => (new(new PlaceScript(PlaceBehaviour.Error), settle, TimeSpan.Zero), "error"),
            < 0.90 => (new(new PlaceScript(PlaceBehaviour.Reject, Code: "MARKET_CLOSED"), settle, TimeSpan.Zero), "reject:MARKET_CLOSED"),
            _ => (new(new PlaceScript(PlaceBehaviour.Reject, Code: "PRICE_CHANGED"), settle, TimeSpan.Zero), "reject:PRICE_CHANGED"),
        };
    }

    /// <summary>The hedge: mostly accepted; otherwise lost answers, transient and permanent rejections, errors.</summary>
    private static (LegScript Script, string Mix) DrawHedge(Random random, SettlementState settle)
    {
        var roll = random.NextDouble();
        var visible = TimeSpan.FromMilliseconds(random.Next(0, 1_501));
        return roll switch
        {
            < 0.70 => (new(PlaceScript.Accept, settle, TimeSpan.Zero), "accept"),
            < 0.78 => (new(new PlaceScript(PlaceBehaviour.TimeoutPlaced), settle, visible), $"timeout-placed (visible after {visible.TotalMilliseconds:0} ms)"),
            < 0.80 => (new(new PlaceScript(PlaceBehaviour.TimeoutPlaced), settle, TimeSpan.Zero, LookupFails: true), "timeout-placed, lookups fail"),
            < 0.85 => (new(new PlaceScript(PlaceBehaviour.TimeoutNotPlaced), settle, TimeSpan.Zero), "timeout-not-placed"),
            < 0.88 => (new(new PlaceScript(PlaceBehaviour.Error), settle, TimeSpan.Zero), "error"),
            < 0.94 => (new(new PlaceScript(PlaceBehaviour.Reject, Code: "PRICE_CHANGED"), settle, TimeSpan.Zero), "reject:PRICE_CHANGED"),
            _ => (new(new PlaceScript(PlaceBehaviour.Reject, Code: "ODDS_BELOW_MINIMUM"), settle, TimeSpan.Zero), "reject:ODDS_BELOW_MINIMUM"),
        };
    }
}
