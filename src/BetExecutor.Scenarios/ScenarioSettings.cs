namespace BetExecutor.Scenarios;

/// <summary>
/// The executor settings a scenario runs with. Every property defaults to the production default
/// (docs/architecture.md §3–4), so a file only names what it means to change.
/// </summary>
public sealed record ScenarioSettings
{
    public static readonly ScenarioSettings Default = new();

    /// <summary>How long an identity refuses new signals after a positive intent is recorded (<c>cooldownSeconds</c>).</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Settlement polls per pair before it is given up as an exposure (<c>maxSettlementPolls</c>).</summary>
    public int MaxSettlementPolls { get; init; } = 120;

    /// <summary>Time between two settlement polls of a pair (<c>pollIntervalSeconds</c>).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an unknown placement is reconciled by lookups before it counts as not placed (<c>unknownWindowSeconds</c>).</summary>
    public TimeSpan UnknownWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Hedge placements tried, the first included, before the pair is an unhedged exposure (<c>hedgeMaxAttempts</c>).</summary>
    public int HedgeMaxAttempts { get; init; } = 3;

    /// <summary>How long after it was raised an open exposure expires (<c>exposureExpiryHours</c>).</summary>
    public TimeSpan ExposureExpiry { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Whether an open exposure stops its identity taking new signals (<c>exposureBlocksIdentity</c>).</summary>
    public bool ExposureBlocksIdentity { get; init; } = true;

    /// <summary>Per-identity limits and dry-run flags (<c>identities</c>); identities not listed are unlimited.</summary>
    public Domain.Accounts.IdentityPolicies Limits { get; init; } = Domain.Accounts.IdentityPolicies.Unlimited;
}
