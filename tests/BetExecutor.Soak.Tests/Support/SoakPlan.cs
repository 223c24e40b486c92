using BetExecutor.Actors;
using BetExecutor.Venues.Http;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Legs;
using BetExecutor.Venue.Simulator;

namespace BetExecutor.Soak.Tests.Support;

/// <summary>
/// What the soak runs: how many identities and rounds, and every fault class at a realistic rate (a few per cent
/// each). Seeded: the same plan gives the same signals and the same venue draws.
/// </summary>
public sealed record SoakPlan
{
    public int Seed { get; init; } = 20260301;

    public DateTimeOffset Start { get; init; } = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Positive identities: providers × whitelabels × accounts.</summary>
    public int Providers { get; init; } = 4;

    public int Whitelabels { get; init; } = 5;

    public int AccountsPerWhitelabel { get; init; } = 10;

    /// <summary>Hedge identities (exchange accounts), shared by the positive identities.</summary>
    public int HedgeAccounts { get; init; } = 10;

    /// <summary>Each round every positive identity gets one signal, all at the same virtual instant.</summary>
    public int Rounds { get; init; } = 12;

    /// <summary>Longer than the 60 s cooldown, so no signal is refused for cooldown by construction.</summary>
    public TimeSpan RoundEvery { get; init; } = TimeSpan.FromSeconds(65);

    /// <summary>Kick-off after the signal: settlement polling starts then.</summary>
    public TimeSpan KickOffAfter { get; init; } = TimeSpan.FromMinutes(3);

    public TimeSpan SignalLifetime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The operator reviews (and resolves) open exposures before every this many rounds.</summary>
    public int ReviewEveryRounds { get; init; } = 2;

    /// <summary>Share of signals the scanner delivers twice (same signal id).</summary>
    public double ResentSignalShare { get; init; } = 0.02;

    /// <summary>
    /// The simulator draws each bet's settlement on its own; the legs of a real back/hedge pair are on complementary
    /// outcomes. The soak settles a hedge opposite to its positive (won↔lost, void↔void, half won↔half lost), except
    /// for this share of pairs, which keep the venue's independent draw: mismatched markets or rules, the source of
    /// both-won, both-lost and void-one-side in real life.
    /// </summary>
    public double MismatchedHedgeShare { get; init; } = 0.03;

    /// <summary>Share of legs whose placement answer is lost while the venue's bet search is down (scripted): unresolved unknowns.</summary>
    public double LookupDownShare { get; init; } = 0.003;

    /// <summary>How long (real time) a placement the client gave up on may take to reach the venue before time moves on.</summary>
    public TimeSpan LandingWait { get; init; } = TimeSpan.FromSeconds(5);

    public FaultProfile Faults { get; init; } = new()
    {
        RejectPermanent = 0.02,
        RejectTransient = 0.04,
        TimeoutPlaced = 0.015,
        TimeoutNotPlaced = 0.01,
        ServerError = 0.015,
        MovedOdds = 0.05,
        MaxOddsMove = 0.08m,
        StakeCut = 0.03,
        // Cuts between 40 % and 100 %: about one in six falls below the 50 % that marks an account limited.
        MinStakeFraction = 0.40m,
        LateVisibility = 0.05,
        MaxVisibilityDelay = TimeSpan.FromSeconds(10),
        Settlements = new Dictionary<SettlementState, double>
        {
            [SettlementState.Won] = 0.4525,
            [SettlementState.Lost] = 0.4525,
            [SettlementState.Void] = 0.03,
            [SettlementState.HalfWon] = 0.02,
            [SettlementState.HalfLost] = 0.02,
            // Rare: each pair with a bet that never settles costs 120 polls.
            [SettlementState.Pending] = 0.005,
        },
    };

    public HttpFaultProfile HttpFaults { get; init; } = new()
    {
        MinLatency = TimeSpan.Zero,
        MaxLatency = TimeSpan.FromMilliseconds(4),
        SlowShare = 0.02,
        SlowLatency = TimeSpan.FromMilliseconds(120),
        RateLimited = 0.03,
        PendingAcceptance = 0.03,
        PendingAcceptanceDelay = TimeSpan.FromSeconds(5),
        DuplicateDelivery = 0.03,
        VoidReportedAsRefunded = 0.5,
    };

    public HttpVenueClientOptions Client { get; init; } = new()
    {
        VenueName = "soak-venue",
        // A lost answer costs this much real time; the slowest answered request takes ~125 ms.
        PlacementTimeout = TimeSpan.FromSeconds(1.5),
        // Queries are never held by the venue, so a long timeout costs nothing, and a loaded machine cannot turn a
        // lookup into a failure (which at a window's end would read as an unresolved unknown).
        QueryAttemptTimeout = TimeSpan.FromSeconds(5),
        QueryRetries = 2,
        QueryRetryDelay = TimeSpan.FromMilliseconds(20),
        // The injected lost answers and 5xx must not open the circuit: the soak tests the executor, not the breaker.
        BreakerMinimumThroughput = 1_000_000,
    };

    /// <summary>Production defaults: 60 s cooldown, exposures block the identity, a positive cut below 50 % limits the account.</summary>
    public ExecutorSettings Settings { get; init; } = ExecutorSettings.Default("soak");

    public int PositiveIdentities => Providers * Whitelabels * AccountsPerWhitelabel;
}
