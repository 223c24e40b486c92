using System.Collections.Immutable;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Pairs;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Domain.Accounts;

/// <summary>
/// The first decision taken on a signal id; a repeat of the id is answered with it. <paramref name="PairEnded"/> is
/// how an accepted signal's pair ended, once it has: a retry hears the truth (e.g. that a stale pair placed nothing).
/// </summary>
public sealed record SignalVerdict(string SignalId, bool Accepted, DenialReason? Reason, string Detail, DateTimeOffset At, PairOutcome? PairEnded = null);

/// <summary>
/// A pair the identity owns that has not finished. Executing until its hedge is confirmed. <paramref name="ReceivedAt"/>:
/// when the ingress received its signal (the acceptance time for pairs accepted before it was recorded).
/// </summary>
public sealed record PairInFlight(Signal Signal, DateTimeOffset AcceptedAt, bool Hedged, DateTimeOffset? ReceivedAt = null, bool ReferencePerAcceptance = false)
{
    /// <summary>The client reference the pair places (or placed) <paramref name="leg"/> under.</summary>
    public Legs.ClientReference Reference(Identities.Identity owner, Legs.LegKind leg) =>
        Legs.ClientReference.For(owner, Signal.PairId, leg, ReferencePerAcceptance ? AcceptedAt : null);

    /// <summary>The pair places nothing when it cannot start by then (docs/architecture.md §4: signals go stale in seconds).</summary>
    public DateTimeOffset StartBy(AccountSettings settings) => (ReceivedAt ?? AcceptedAt) + settings.SignalAge;
}

public sealed record HaltState(string Reason, string By, DateTimeOffset Since);

/// <summary>The venue cut a positive's stake below the configured share: the account is being limited.</summary>
public sealed record LimitedState(string PairId, decimal RequestedStake, decimal AcceptedStake, DateTimeOffset Since);

/// <summary>
/// One identity's controls and bookkeeping: cooldown, kill switch, exposures, signal ids seen, pairs in flight.
/// Rebuilt from events by <see cref="Apply"/>; decisions in AccountState.Decide.cs. Pure.
/// </summary>
public sealed partial record AccountState
{
    public required Identity Identity { get; init; }
    public DateTimeOffset? CooldownUntil { get; init; }
    public HaltState? Halt { get; init; }
    public ImmutableDictionary<string, SignalVerdict> Seen { get; init; } = ImmutableDictionary<string, SignalVerdict>.Empty;
    public ImmutableDictionary<string, PairInFlight> InFlight { get; init; } = ImmutableDictionary<string, PairInFlight>.Empty;
    public ImmutableDictionary<string, ExposureRecord> Exposures { get; init; } = ImmutableDictionary<string, ExposureRecord>.Empty;
    public LimitedState? Limited { get; init; }
    /// <summary>Positive stakes accepted per UTC day (<c>yyyy-MM-dd</c>), for the daily limit; only recent days are kept.</summary>
    public ImmutableDictionary<string, decimal> StakeByDay { get; init; } = ImmutableDictionary<string, decimal>.Empty;

    public static string DayOf(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd");

    public decimal StakedOn(DateTimeOffset now) => StakeByDay.GetValueOrDefault(DayOf(now));

    public static AccountState Initial(Identity identity) => new() { Identity = identity };

    /// <summary>The pair between signal acceptance and hedge confirmation, if any (at most one at a time).</summary>
    public string? ExecutingPairId => InFlight.FirstOrDefault(p => !p.Value.Hedged).Key;

    public IEnumerable<ExposureRecord> OpenExposures(DateTimeOffset now) =>
        Exposures.Values.Where(x => x.StatusAt(now) == ExposureStatus.Open);

    public bool InCooldown(DateTimeOffset now) => CooldownUntil is { } until && now < until;

    public AccountState Apply(AccountEvent e) => e switch
    {
        SignalAccepted a => this with
        {
            // A cooldown is only ever extended, never shortened.
            CooldownUntil = CooldownUntil is { } current && current > a.CooldownUntil ? current : a.CooldownUntil,
            Seen = Seen.SetItem(a.Signal.SignalId, new SignalVerdict(a.Signal.SignalId, true, null, "executed", a.Meta.At)),
            InFlight = InFlight.SetItem(a.Signal.PairId, new PairInFlight(a.Signal, a.Meta.At, Hedged: false, a.ReceivedAt, a.ReferencePerAcceptance)),
            StakeByDay = AddStake(a.Meta.At, a.Signal.Positive.Stake),
        },
        SignalDenied d => this with
        {
            Seen = Seen.SetItem(d.SignalId, new SignalVerdict(d.SignalId, false, d.Reason, d.Detail, d.Meta.At)),
        },
        CooldownExtended c => this with { CooldownUntil = CooldownUntil is { } current && current > c.Until ? current : c.Until },
        PairHedged h => InFlight.TryGetValue(h.PairId, out var pair)
            ? this with { InFlight = InFlight.SetItem(h.PairId, pair with { Hedged = true }) }
            : this,
        PairFinished f => this with
        {
            InFlight = InFlight.Remove(f.PairId),
            Seen = Seen.TryGetValue(f.PairId, out var verdict) && verdict.Accepted
                ? Seen.SetItem(f.PairId, verdict with { PairEnded = f.Outcome })
                : Seen,
        },
        ExposureOpened o => this with { Exposures = Exposures.SetItem(o.Exposure.PairId, o.Exposure) },
        ExposureResolved r => Exposures.TryGetValue(r.PairId, out var exposure)
            ? this with
            {
                Exposures = Exposures.SetItem(r.PairId, exposure with { ResolvedAt = r.Meta.At, Resolution = r.Reason, ResolvedBy = r.ResolvedBy }),
            }
            : throw new InvalidOperationException($"{Identity}: resolution of unknown exposure {r.PairId}"),
        IdentityHalted h => this with { Halt = new HaltState(h.Reason, h.By, h.Meta.At) },
        // Resuming is an operator's word that the identity may bet again: it lifts a halt and a limitation alike.
        IdentityResumed => this with { Halt = null, Limited = null },
        IdentityLimited l => this with { Limited = new LimitedState(l.PairId, l.RequestedStake, l.AcceptedStake, l.Meta.At) },
        _ => throw new InvalidOperationException($"{Identity}: unknown account event {e.GetType().Name}"),
    };

    private ImmutableDictionary<string, decimal> AddStake(DateTimeOffset at, decimal stake)
    {
        var day = DayOf(at);
        // Yesterday is kept for a while so that a day boundary never loses the current day's total.
        var cutoff = DayOf(at.AddDays(-2));
        return StakeByDay
            .Where(d => string.CompareOrdinal(d.Key, cutoff) > 0)
            .ToImmutableDictionary()
            .SetItem(day, StakeByDay.GetValueOrDefault(day) + stake);
    }
}
