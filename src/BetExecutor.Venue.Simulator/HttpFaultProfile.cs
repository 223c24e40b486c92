namespace BetExecutor.Venue.Simulator;

/// <summary>
/// Faults the HTTP layer adds on top of the venue's own (those come from the simulator's scripts or
/// <see cref="Venues.Simulator.FaultProfile"/>: rejections, lost answers, odds moves, stake cuts, late
/// visibility, settlement mix). Every draw is seeded per request, by (seed, account, client reference, request
/// number), so the same seed gives every leg the same faults whatever order requests arrive in. All zero by
/// default: with no HTTP faults, answers over HTTP equal the in-process simulator's.
/// </summary>
public sealed record HttpFaultProfile
{
    public static readonly HttpFaultProfile None = new();

    /// <summary>Every venue request (not control) waits a uniform time between these before it is handled.</summary>
    public TimeSpan MinLatency { get; init; }

    public TimeSpan MaxLatency { get; init; }

    /// <summary>Share of requests that wait <see cref="SlowLatency"/> more: the long tail of a real venue.</summary>
    public double SlowShare { get; init; }

    public TimeSpan SlowLatency { get; init; }

    /// <summary>Share of placements refused with 429 before the venue looks at them (nothing is taken).</summary>
    public double RateLimited { get; init; }

    /// <summary>
    /// Share of new acceptances answered PENDING_ACCEPTANCE (Pinnacle's live delay) instead: the bet is taken, but
    /// placements and lookups of it answer pending until <see cref="PendingAcceptanceDelay"/> has passed on the venue's clock.
    /// </summary>
    public double PendingAcceptance { get; init; }

    public TimeSpan PendingAcceptanceDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Share of placements the venue receives twice (a proxy re-sending): both go to the venue; idempotency must keep one bet.</summary>
    public double DuplicateDelivery { get; init; }

    /// <summary>Share of void bets reported as REFUNDED (Pinnacle's word), drawn per bet id.</summary>
    public double VoidReportedAsRefunded { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        CheckShare(nameof(SlowShare), SlowShare, errors);
        CheckShare(nameof(RateLimited), RateLimited, errors);
        CheckShare(nameof(PendingAcceptance), PendingAcceptance, errors);
        CheckShare(nameof(DuplicateDelivery), DuplicateDelivery, errors);
        CheckShare(nameof(VoidReportedAsRefunded), VoidReportedAsRefunded, errors);
        if (MinLatency < TimeSpan.Zero || MaxLatency < MinLatency)
            errors.Add($"latency must satisfy 0 <= {nameof(MinLatency)} <= {nameof(MaxLatency)}, not {MinLatency}..{MaxLatency}");
        if (SlowLatency < TimeSpan.Zero) errors.Add($"{nameof(SlowLatency)} must not be negative");
        if (PendingAcceptanceDelay <= TimeSpan.Zero) errors.Add($"{nameof(PendingAcceptanceDelay)} must be positive");
        return errors;
    }

    private static void CheckShare(string name, double value, List<string> errors)
    {
        if (!(value >= 0.0 && value <= 1.0)) errors.Add($"{name} must be a share between 0 and 1, not {value}");
    }
}
