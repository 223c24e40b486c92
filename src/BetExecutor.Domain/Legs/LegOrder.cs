using BetExecutor.Domain.Identities;

namespace BetExecutor.Domain.Legs;

/// <summary>
/// One leg as it is asked of a venue: what the pair decides to place and what a venue client sends, the same record
/// on both sides. Stake and odds are what is asked; the venue may accept for less or at other odds. The client
/// reference is the venue's idempotency key: every attempt of a leg carries the same one.
/// </summary>
public sealed record LegOrder(
    Identity Account,
    ClientReference ClientReference,
    string EventId,
    string Market,
    string Selection,
    decimal Odds,
    decimal Stake,
    string Currency);
