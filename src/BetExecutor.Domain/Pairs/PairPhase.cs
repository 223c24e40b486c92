using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Domain.Pairs;

/// <summary>What a leg asked the venue for, under the client reference it was placed with.</summary>
public sealed record LegAsk(ClientReference ClientReference, decimal Stake, decimal Odds);

/// <summary>What every started pair knows: its signal, when the signal was accepted, and what the positive asked.</summary>
public sealed record PairCore(Signal Signal, DateTimeOffset SignalAcceptedAt, LegAsk Positive);

/// <summary>The latest hedge attempt: what it asked, its number (the first is 1), and when the first attempt left.</summary>
public sealed record HedgeAttempt(LegAsk Ask, int Number, DateTimeOffset FirstAttemptAt);

/// <summary>
/// Where a pair is, with exactly the data it has there: the compiler, not a comment, says what is known in each
/// status (a pending hedge always has an accepted positive; a settling pair always has both bets). One case per
/// <see cref="PairStatus"/>; <see cref="PairState.Apply"/> is the only place that moves between them.
/// </summary>
public abstract record PairPhase
{
    private PairPhase() { }

    public abstract PairStatus Status { get; }

    public sealed record NotStarted : PairPhase
    {
        public static readonly NotStarted Instance = new();
        public override PairStatus Status => PairStatus.NotStarted;
    }

    /// <summary>Every phase after the positive's intent was recorded.</summary>
    public abstract record Started(PairCore Core) : PairPhase;

    /// <summary>The positive's intent is recorded; its placement request may have left.</summary>
    public sealed record PositivePending(PairCore Core) : Started(Core)
    {
        public override PairStatus Status => PairStatus.PositivePending;
    }

    /// <summary>The positive's placement had no definite answer at <paramref name="Since"/>; lookups reconcile it.</summary>
    public sealed record PositiveUnknown(PairCore Core, DateTimeOffset Since) : Started(Core)
    {
        public override PairStatus Status => PairStatus.PositiveUnknown;
    }

    /// <summary>Not found through the window; still looked up until <paramref name="Until"/> in case it shows late.</summary>
    public sealed record PositiveWatching(PairCore Core, DateTimeOffset Until) : Started(Core)
    {
        public override PairStatus Status => PairStatus.PositiveWatching;
    }

    /// <summary>Every phase in which the venue holds the positive.</summary>
    public abstract record PositiveStands(PairCore Core, AcceptedBet Positive) : Started(Core);

    /// <summary>Transient: always persisted together with the hedge intent or an exposure.</summary>
    public sealed record PositiveAccepted(PairCore Core, AcceptedBet Positive) : PositiveStands(Core, Positive)
    {
        public override PairStatus Status => PairStatus.PositiveAccepted;
    }

    /// <summary>Every phase after a hedge attempt was recorded.</summary>
    public abstract record Hedging(PairCore Core, AcceptedBet Positive, HedgeAttempt Hedge) : PositiveStands(Core, Positive);

    public sealed record HedgePending(PairCore Core, AcceptedBet Positive, HedgeAttempt Hedge) : Hedging(Core, Positive, Hedge)
    {
        public override PairStatus Status => PairStatus.HedgePending;
    }

    public sealed record HedgeUnknown(PairCore Core, AcceptedBet Positive, HedgeAttempt Hedge, DateTimeOffset Since) : Hedging(Core, Positive, Hedge)
    {
        public override PairStatus Status => PairStatus.HedgeUnknown;
    }

    /// <summary>The next hedge attempt goes at <paramref name="RetryAt"/> and asks <paramref name="NextOdds"/> (the venue's new price, if it quoted one).</summary>
    public sealed record HedgeRetryWaiting(PairCore Core, AcceptedBet Positive, HedgeAttempt Hedge, DateTimeOffset RetryAt, decimal NextOdds)
        : Hedging(Core, Positive, Hedge)
    {
        public override PairStatus Status => PairStatus.HedgeRetryWaiting;
    }

    /// <summary>Transient: always persisted together with the unhedged exposure.</summary>
    public sealed record HedgeFailed(PairCore Core, AcceptedBet Positive, HedgeAttempt Hedge) : Hedging(Core, Positive, Hedge)
    {
        public override PairStatus Status => PairStatus.HedgeFailed;
    }

    /// <summary>Both legs stand; settlement is polled. A leg's settlement is null until a poll reads it.</summary>
    public sealed record Settling(
        PairCore Core,
        AcceptedBet Positive,
        HedgeAttempt Hedge,
        AcceptedBet HedgeBet,
        int Polls,
        SettlementState? PositiveSettlement,
        SettlementState? HedgeSettlement) : Hedging(Core, Positive, Hedge)
    {
        public override PairStatus Status => PairStatus.Settling;

        public bool PositiveIsFinal => PositiveSettlement is { } s && s.IsFinal();

        public bool HedgeIsFinal => HedgeSettlement is { } s && s.IsFinal();

        /// <summary>After a poll. A final state, once seen, sticks: a later failed or missing query does not erase it.</summary>
        public Settling After(SettlementPolled p) => this with
        {
            Polls = p.Poll,
            PositiveSettlement = PositiveIsFinal ? PositiveSettlement : p.Positive ?? PositiveSettlement,
            HedgeSettlement = HedgeIsFinal ? HedgeSettlement : p.Hedge ?? HedgeSettlement,
        };
    }

    /// <summary>The terminal phases: the pair has its outcome and does nothing more.</summary>
    public abstract record Ended : PairPhase
    {
        public abstract PairOutcome Outcome { get; }
    }

    public sealed record Abandoned(PairOutcome.NothingStands Nothing) : Ended
    {
        public override PairStatus Status => PairStatus.Abandoned;
        public override PairOutcome Outcome => Nothing;
    }

    public sealed record PositiveRejected(PairOutcome.NothingStands Nothing) : Ended
    {
        public override PairStatus Status => PairStatus.PositiveRejected;
        public override PairOutcome Outcome => Nothing;
    }

    public sealed record Settled(PairOutcome.Settled Balanced) : Ended
    {
        public override PairStatus Status => PairStatus.Settled;
        public override PairOutcome Outcome => Balanced;
    }

    public sealed record Exposed(PairOutcome.Exposed Exposure) : Ended
    {
        public override PairStatus Status => PairStatus.Exposed;
        public override PairOutcome Outcome => Exposure;
    }
}
