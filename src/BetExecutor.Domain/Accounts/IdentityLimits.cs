using System.Collections.Immutable;
using BetExecutor.Domain.Identities;

namespace BetExecutor.Domain.Accounts;

/// <summary>
/// What one identity may do at its venue, checked before anything is persisted as intent (docs/architecture.md §4).
/// The defaults limit nothing beyond the venue's cent rounding.
/// </summary>
/// <param name="MinStake">Smallest positive stake the venue takes.</param>
/// <param name="MaxStake">Largest positive stake the venue takes.</param>
/// <param name="StakeStep">The venue's stake rounding; a positive stake is rounded down to it (never more than asked).</param>
/// <param name="MaxOpenPairs">Pairs of this identity in flight (executing or settling) at most.</param>
/// <param name="MaxDailyStake">Sum of positive stakes accepted per UTC day at most.</param>
/// <param name="LimitedBelowShare">A positive accepted for less than this share of its stake marks the identity limited (0 = never).</param>
/// <param name="DryRun">Every leg of this identity's pairs goes to the paper venue; it can never reach a live venue.</param>
public sealed record IdentityLimits(
    decimal? MinStake = null,
    decimal? MaxStake = null,
    decimal StakeStep = 0.01m,
    int? MaxOpenPairs = null,
    decimal? MaxDailyStake = null,
    decimal LimitedBelowShare = 0.5m,
    bool DryRun = false)
{
    public static readonly IdentityLimits Unlimited = new();
}

/// <summary>The limits of every identity: a default, and overrides by identity key.</summary>
public sealed record IdentityPolicies(IdentityLimits Default, ImmutableDictionary<string, IdentityLimits> ByIdentity)
{
    public static readonly IdentityPolicies Unlimited = new(IdentityLimits.Unlimited, ImmutableDictionary<string, IdentityLimits>.Empty);

    public IdentityLimits For(Identity identity) => ByIdentity.GetValueOrDefault(identity.Key, Default);

    public IdentityPolicies With(Identity identity, IdentityLimits limits) => this with { ByIdentity = ByIdentity.SetItem(identity.Key, limits) };
}
