using BetExecutor.Domain.Events;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using BetExecutor.Domain.Signals;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

/// <summary>
/// Given a pair's history, when a command arrives at an instant, then these events and effects follow:
/// <c>PairSpec.Given(Happened.PositiveIntent()).When(Placed(Positive, Accepted(...)), At(1)).ThenStatusIs(...)</c>.
/// </summary>
internal sealed class PairSpec
{
    private readonly IReadOnlyList<PairEvent> _history;
    private readonly PairSettings _settings;

    private PairSpec(IReadOnlyList<PairEvent> history, PairSettings settings)
    {
        _history = history;
        _settings = settings;
    }

    public static PairSpec Given(params PairEvent[] history) => new(history, PairSettings.Default);

    public PairSpec Using(PairSettings settings) => new(_history, settings);

    public PairState State => Fold(_history);

    public PairThen When(PairCommand command, DateTimeOffset at)
    {
        var before = State;
        var decision = before.Decide(command, at, _settings);
        return new PairThen(before, decision, [.. _history, .. decision.Events], _settings);
    }

    public static PairState Fold(IEnumerable<PairEvent> events) =>
        events.Aggregate(PairState.Initial(Soft, PairId), (state, e) => state.Apply(e));
}

internal sealed class PairThen(PairState before, PairDecision decision, IReadOnlyList<PairEvent> history, PairSettings settings)
{
    public PairState Before { get; } = before;
    public PairDecision Decision { get; } = decision;
    public IReadOnlyList<PairEvent> History { get; } = history;

    /// <summary>The state after the decision's events, folded from the whole history as a recovering actor would.</summary>
    public PairState State => PairSpec.Fold(History);

    public IReadOnlyList<PairEvent> Events => Decision.Events;
    public IReadOnlyList<PairEffect> Effects => Decision.Effects;

    /// <summary>Carries on from this decision's state: the next command of the same story.</summary>
    public PairThen AndWhen(PairCommand command, DateTimeOffset at)
    {
        var decision = State.Decide(command, at, settings);
        return new PairThen(State, decision, [.. History, .. decision.Events], settings);
    }

    /// <summary>The phase after the decision, which must be of this kind; its fields are what the pair knows there.</summary>
    public TPhase InPhase<TPhase>() where TPhase : PairPhase => Assert.IsType<TPhase>(State.Phase);

    public PairThen ThenStatusIs(PairStatus status)
    {
        Assert.Equal(status, State.Status);
        return this;
    }

    public PairThen ThenEmitted(params Type[] eventTypes)
    {
        Assert.Equal(eventTypes, Events.Select(e => e.GetType()));
        return this;
    }

    public T ThenEmitted<T>() where T : PairEvent => Assert.Single(Events.OfType<T>());

    public T ThenDid<T>() where T : PairEffect => Assert.Single(Effects.OfType<T>());

    public PairThen ThenDid(params Type[] effectTypes)
    {
        Assert.Equal(effectTypes, Effects.Select(e => e.GetType()));
        return this;
    }

    public PairThen ThenDidNot<T>() where T : PairEffect
    {
        Assert.Empty(Effects.OfType<T>());
        return this;
    }

    public PairThen ThenNothingHappened()
    {
        Assert.True(Decision.IsIgnored, $"expected nothing, got events [{string.Join(", ", Events)}] effects [{string.Join(", ", Effects)}]");
        Assert.Equal(Before, State);
        return this;
    }

    public DateTimeOffset ThenWakesAt() => ThenDid<WakeAt>().At;

    public PlaceLeg ThenPlaces(LegKind leg) => Assert.Single(Effects.OfType<PlaceLeg>(), p => p.Leg == leg);

    public LookUpLeg ThenLooksUp(LegKind leg) => Assert.Single(Effects.OfType<LookUpLeg>(), l => l.Leg == leg);

    public T ThenFinishedWith<T>() where T : PairOutcome
    {
        var outcome = Assert.IsType<T>(ThenDid<ReportFinished>().Outcome);
        Assert.Equal(outcome, State.Outcome);
        Assert.True(State.Status.IsTerminal());
        return outcome;
    }

    public PairOutcome.Exposed ThenExposed(ExposureReason reason)
    {
        var outcome = ThenFinishedWith<PairOutcome.Exposed>();
        Assert.Equal(reason, outcome.Reason);
        Assert.Equal(reason, ThenEmitted<ExposureRaised>().Reason);
        Assert.Equal(PairStatus.Exposed, State.Status);
        return outcome;
    }
}

/// <summary>Past events of the default pair (<see cref="Fixture.ASignal"/>), to write a history in one line.</summary>
internal static class Happened
{
    public static readonly ClientReference PositiveRef = ClientReference.For(Soft, PairId, LegKind.Positive);
    public static readonly ClientReference HedgeRef = ClientReference.For(Soft, PairId, LegKind.Hedge);

    /// <summary>The hedge stake of the default signal when the positive is accepted as asked: 210 / 2.05.</summary>
    public const decimal HedgeStake = 102.44m;

    private static EventMeta Meta(DateTimeOffset? at) => new(at ?? T0, Soft.Key, PairId);

    public static PositiveIntentRecorded PositiveIntent(Signal? signal = null, DateTimeOffset? at = null)
    {
        var s = signal ?? ASignal();
        return new PositiveIntentRecorded(s, PositiveRef, s.Positive.Stake, s.Positive.Odds, at ?? T0) { Meta = Meta(at) };
    }

    public static PositiveAccepted PositiveAccepted(decimal stake = 100m, decimal odds = 2.10m, DateTimeOffset? at = null) =>
        new(new AcceptedBet("pos-bet", stake, odds)) { Meta = Meta(at) };

    public static PositiveOutcomeUnknown PositiveUnknown(DateTimeOffset? at = null) => new("timeout") { Meta = Meta(at) };

    public static HedgeIntentRecorded HedgeIntent(int attempt = 1, decimal stake = HedgeStake, decimal odds = 2.05m, DateTimeOffset? at = null) =>
        new(HedgeRef, attempt, stake, odds) { Meta = Meta(at) };

    public static HedgeAccepted HedgeAccepted(decimal stake = HedgeStake, decimal odds = 2.05m, DateTimeOffset? at = null) =>
        new(new AcceptedBet("hdg-bet", stake, odds)) { Meta = Meta(at) };

    public static HedgeOutcomeUnknown HedgeUnknown(DateTimeOffset? at = null) => new("timeout") { Meta = Meta(at) };

    public static HedgeRejected HedgeRejectedTransiently(int attempt, DateTimeOffset retryAt, decimal? repricedOdds = null, DateTimeOffset? at = null) =>
        new("busy", false, attempt, retryAt, repricedOdds) { Meta = Meta(at) };

    public static HedgeRejected HedgeRejectedFinally(int attempt, DateTimeOffset? at = null) =>
        new("closed", true, attempt, null, null) { Meta = Meta(at) };

    public static SettlementPolled Polled(int poll, SettlementState? positive, SettlementState? hedge, DateTimeOffset? at = null) =>
        new(poll, positive, hedge) { Meta = Meta(at) };

    /// <summary>Positive accepted as asked and the hedge sent: the pair waits for the hedge's answer.</summary>
    public static PairEvent[] HedgeSent(DateTimeOffset? at = null) =>
        [PositiveIntent(), PositiveAccepted(at: at), HedgeIntent(at: at)];

    /// <summary>Both legs stand: the pair polls for settlement.</summary>
    public static PairEvent[] BothLegsPlaced(DateTimeOffset? at = null) => [.. HedgeSent(at), HedgeAccepted(at: at)];
}

/// <summary>Commands as a venue would answer, short enough to read inside a When.</summary>
internal static class Venue
{
    public static StartPair Start(Signal? signal = null, DateTimeOffset? acceptedAt = null) => new(signal ?? ASignal(), acceptedAt ?? T0);

    public static PlacementAnswered Placed(LegKind leg, PlacementResult result) => new(leg, result);

    public static PlacementAnswered Accepted(LegKind leg, decimal stake, decimal odds) =>
        new(leg, new PlacementResult.Accepted(new AcceptedBet(leg == LegKind.Positive ? "pos-bet" : "hdg-bet", stake, odds)));

    public static PlacementAnswered RejectedFinally(LegKind leg, string code = "closed") => new(leg, new PlacementResult.Rejected(code, Permanent: true));

    public static PlacementAnswered RejectedTransiently(LegKind leg, decimal? currentOdds = null, string code = "busy") =>
        new(leg, new PlacementResult.Rejected(code, Permanent: false, currentOdds));

    public static PlacementAnswered Unknown(LegKind leg) => new(leg, new PlacementResult.Unknown("timeout"));

    public static LookupAnswered Found(LegKind leg, decimal stake, decimal odds) =>
        new(leg, new LookupResult.Found(new AcceptedBet(leg == LegKind.Positive ? "pos-bet" : "hdg-bet", stake, odds)));

    public static LookupAnswered NotFound(LegKind leg) => new(leg, new LookupResult.NotFound());

    public static LookupAnswered LookupFailed(LegKind leg) => new(leg, new LookupResult.Failed("503"));

    public static SettlementAnswered Settlement(SettlementState? positive, SettlementState? hedge) =>
        new(positive is { } p ? new SettlementResult.Known(p) : null, hedge is { } h ? new SettlementResult.Known(h) : null);

    public static SettlementAnswered SettlementFailed() => new(new SettlementResult.Failed("503"), new SettlementResult.Failed("503"));

    public static readonly WakeUp Wake = WakeUp.Instance;
    public static readonly ResumeAfterRecovery Recover = ResumeAfterRecovery.Instance;
}
