using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Scripts;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using Microsoft.Extensions.Time.Testing;

namespace BetExecutor.Venues.Tests;

/// <summary>Accounts, references and requests the tests share, so each test shows only what it is about.</summary>
internal static class TestData
{
    public static readonly Identity Alice = Identity.Create("simbook", "main", "alice");
    public static readonly Identity Bob = Identity.Create("simbook", "main", "bob");

    public const decimal AskedStake = 50m;
    public const decimal AskedOdds = 2.10m;

    public static ClientReference Reference(string pairId = "pair-1", LegKind leg = LegKind.Positive) =>
        ClientReference.For(Alice, pairId, leg);

    public static LegOrder Request(ClientReference reference, Identity? account = null) =>
        new(account ?? Alice, reference, "event-1", "match-odds", "home", AskedOdds, AskedStake, "EUR");

    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public static LegScript Script(string place, SettlementState settle = SettlementState.Pending, TimeSpan visibleAfter = default) =>
        new(PlaceScript.Parse(place, "place"), settle, visibleAfter);

    /// <summary>A simulator whose only scripted leg is <paramref name="reference"/>.</summary>
    public static VenueSimulator Scripted(ClientReference reference, LegScript script, TimeProvider? time = null, int seed = 1)
    {
        var venue = new VenueSimulator(time ?? Clock(), seed);
        venue.Script(reference, script);
        return venue;
    }
}
