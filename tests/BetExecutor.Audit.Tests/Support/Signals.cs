using BetExecutor.Venues.Scripts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Audit.Tests.Support;

/// <summary>Signals and venue scripts the audit checks share, so each check shows only what it is about.</summary>
public static class Signals
{
    public static readonly DateTimeOffset Start = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset KickOff = Start.AddHours(6);
    public static readonly Identity Hedger = Identity.Create("exchange", "main", "hedger");

    public static Identity Account(string account, string whitelabel = "brand1", string provider = "bookie") =>
        Identity.Create(provider, whitelabel, account);

    public static Signal For(Identity identity, string signalId, decimal stake = 50m, decimal odds = 2.10m,
        decimal hedgeOdds = 2.05m, decimal minOdds = 1.95m, DateTimeOffset? kickOff = null) =>
        new(signalId, identity,
            new SportEvent("match-42", kickOff ?? KickOff),
            new PositiveLegSpec("match-odds", "home", odds, stake, "EUR"),
            new HedgeLegSpec(Hedger, "match-odds", "not-home", hedgeOdds, minOdds));

    public static LegScript Leg(string place, SettlementState settle, TimeSpan visibleAfter = default, bool lookupFails = false) =>
        new(PlaceScript.Parse(place, "place"), settle, visibleAfter, lookupFails);

    /// <param name="acceptedAt">for a node with per-acceptance references (retention on): when the signal was accepted.</param>
    public static ClientReference PositiveRef(Signal signal, DateTimeOffset? acceptedAt = null) => ClientReference.For(signal.Identity, signal.PairId, LegKind.Positive, acceptedAt);

    /// <param name="acceptedAt">as for <see cref="PositiveRef"/>.</param>
    public static ClientReference HedgeRef(Signal signal, DateTimeOffset? acceptedAt = null) => ClientReference.For(signal.Identity, signal.PairId, LegKind.Hedge, acceptedAt);
}
