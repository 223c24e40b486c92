using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Domain.Tests;

/// <summary>Identities, instants and a valid signal the tests share, so each test shows only what it is about.</summary>
internal static class Fixture
{
    /// <summary>The fixed instant every test counts from; nothing reads a clock.</summary>
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    /// <summary>The soft bookmaker account the positive leg is placed as; it owns the pair.</summary>
    public static readonly Identity Soft = Identity.Create("sportsbook", "brand-a", "alice");

    /// <summary>The sharp account the hedge is placed as.</summary>
    public static readonly Identity Sharp = Identity.Create("exchange", "main", "hedger");

    public const string PairId = "sig-1";

    public static readonly DateTimeOffset KickOff = T0.AddHours(2);

    /// <summary>Positive 100 @ 2.10, hedge priced 2.05 with a floor of 1.95: the hedge stake is 210 / 2.05 = 102.44.</summary>
    public static Signal ASignal(
        string id = PairId,
        Identity? identity = null,
        decimal stake = 100m,
        decimal odds = 2.10m,
        decimal hedgeOdds = 2.05m,
        decimal minOdds = 1.95m,
        DateTimeOffset? startsAt = null,
        DateTimeOffset? expiresAt = null,
        bool inPlay = false) =>
        new(
            id,
            identity ?? Soft,
            new SportEvent("event-1", startsAt ?? KickOff),
            new PositiveLegSpec("match-odds", "home", odds, stake, "EUR"),
            new HedgeLegSpec(Sharp, "match-odds", "home-lay", hedgeOdds, minOdds),
            expiresAt,
            inPlay);
}
