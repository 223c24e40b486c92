using BetExecutor.Domain.Identities;

namespace BetExecutor.Domain.Signals;

/// <summary>The sporting event both legs are on.</summary>
public sealed record SportEvent(string Id, DateTimeOffset StartsAt);

/// <summary>The value bet, as the scanner asks for it: placed as the signal's own identity.</summary>
public sealed record PositiveLegSpec(string Market, string Selection, decimal Odds, decimal Stake, string Currency);

/// <summary>
/// The hedge, as the scanner priced it. Its stake is not given: it is sized from what the positive leg was
/// actually accepted for. <see cref="MinOdds"/> is the floor below which the hedge is refused.
/// </summary>
public sealed record HedgeLegSpec(Identity Identity, string Market, string Selection, decimal Odds, decimal MinOdds);

/// <summary>
/// One arbitrage pair to execute. The signal id is unique per identity and doubles as the pair id.
/// </summary>
/// <param name="ExpiresAt">After this instant the signal is stale and no leg may be placed for it.</param>
/// <param name="InPlay">Whether the scanner meant the pair for a running event; a pre-match signal is refused after kick-off.</param>
public sealed record Signal(
    string SignalId,
    Identity Identity,
    SportEvent Event,
    PositiveLegSpec Positive,
    HedgeLegSpec Hedge,
    DateTimeOffset? ExpiresAt = null,
    bool InPlay = false)
{
    public string PairId => SignalId;
}
