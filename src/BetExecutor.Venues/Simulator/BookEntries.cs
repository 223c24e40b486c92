using BetExecutor.Venues.Contract;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venues.Simulator;

/// <summary>
/// A bet the simulated venue holds: the ground truth a test compares the executor's view against. Stake and odds
/// are as taken (a fault may cut the stake or move the odds); <see cref="AskedStake"/> and <see cref="AskedOdds"/>
/// are what the request asked for.
/// </summary>
public sealed record HeldBet(
    string BetId,
    Identity Account,
    ClientReference ClientReference,
    string EventId,
    string Market,
    string Selection,
    string Currency,
    decimal Stake,
    decimal Odds,
    decimal AskedStake,
    decimal AskedOdds,
    DateTimeOffset PlacedAt,
    TimeSpan VisibleAfter,
    SettlementState Settlement)
{
    /// <summary>From this instant lookups by client reference find the bet (and settlement queries see it).</summary>
    public DateTimeOffset VisibleAt => PlacedAt + VisibleAfter;

    public AcceptedBet AsAccepted() => new(BetId, Stake, Odds);

    internal static HeldBet Take(string betId, LegOrder request, VenueDecision decision, DateTimeOffset now) =>
        new(betId, request.Account, request.ClientReference, request.EventId, request.Market, request.Selection,
            request.Currency, decision.Stake, decision.Odds, request.Stake, request.Odds, now,
            decision.VisibleAfter, decision.Settlement);
}

/// <summary>One placement request as the venue received it, and what the venue answered.</summary>
public sealed record PlacementAttempt(LegOrder Request, DateTimeOffset ReceivedAt, PlacementResult Answer);
