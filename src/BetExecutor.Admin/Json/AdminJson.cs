using System.Text.Json.Nodes;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.KillSwitch;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using BetExecutor.Ingress.Json;

namespace BetExecutor.Admin.Json;

/// <summary>The admin API's answer shapes (docs/admin-api.md), every value in its stable code.</summary>
internal static class AdminJson
{
    public static string? Instant(DateTimeOffset? at) => at is { } instant ? InstantText.Format(instant) : null;

    /// <summary>One exposure as of <paramref name="now"/> (its status: open, expired or resolved).</summary>
    public static JsonObject Exposure(ExposureRecord x, DateTimeOffset now) => new()
    {
        ["identity"] = x.IdentityKey,
        ["pairId"] = x.PairId,
        ["reason"] = x.Reason.Code(),
        ["detail"] = x.Detail,
        ["raisedAt"] = Instant(x.RaisedAt),
        ["expiresAt"] = Instant(x.ExpiresAt),
        ["status"] = x.StatusAt(now) switch
        {
            ExposureStatus.Open => "open",
            ExposureStatus.Resolved => "resolved",
            _ => "expired",
        },
        ["positive"] = Leg(x.Positive),
        ["hedge"] = Leg(x.Hedge),
        ["resolvedBy"] = x.ResolvedBy,
        ["resolvedAt"] = Instant(x.ResolvedAt),
        ["resolution"] = x.Resolution,
        ["dryRun"] = x.DryRun,
    };

    public static JsonObject Leg(LegSnapshot leg) => new()
    {
        ["identity"] = leg.IdentityKey,
        ["clientReference"] = leg.ClientReference,
        ["askedStake"] = leg.AskedStake,
        ["askedOdds"] = leg.AskedOdds,
        ["betId"] = leg.BetId,
        ["acceptedStake"] = leg.AcceptedStake,
        ["acceptedOdds"] = leg.AcceptedOdds,
        ["settlement"] = leg.Settlement?.Code(),
    };

    /// <summary>An identity in <c>identity list</c>: the flags an operator filters by.</summary>
    public static JsonObject Summary(AccountStatus s) => new()
    {
        ["identity"] = s.Identity.Key,
        ["cooldownUntil"] = Instant(s.CooldownUntil),
        ["cooling"] = Cooling(s),
        ["executingPairId"] = s.ExecutingPairId,
        ["pairsInFlight"] = s.PairsInFlight.Count,
        ["openExposures"] = OpenExposures(s).Count(),
        ["halted"] = s.Halt is not null,
        ["limited"] = s.Limited is not null,
        ["dryRun"] = s.DryRun,
    };

    public static bool Cooling(AccountStatus s) => s.CooldownUntil is { } until && s.AsOf < until;

    public static IEnumerable<ExposureRecord> OpenExposures(AccountStatus s) => s.Exposures.Where(x => x.StatusAt(s.AsOf) == ExposureStatus.Open);

    public static JsonObject? Halt(HaltState? halt) => halt is null ? null : new JsonObject
    {
        ["reason"] = halt.Reason,
        ["by"] = halt.By,
        ["at"] = Instant(halt.Since),
    };

    /// <summary>The kill switch as stored (or as one node applies it): <c>{halted, reason, by, at, seqNr}</c>.</summary>
    public static JsonObject KillSwitch(KillSwitchStatus status) => new()
    {
        ["halted"] = status.Halted,
        ["reason"] = status.Reason,
        ["by"] = status.By,
        ["at"] = Instant(status.At),
        ["seqNr"] = status.SequenceNr,
    };

    public static JsonObject? Limited(LimitedState? limited) => limited is null ? null : new JsonObject
    {
        ["pairId"] = limited.PairId,
        ["requestedStake"] = limited.RequestedStake,
        ["acceptedStake"] = limited.AcceptedStake,
        ["at"] = Instant(limited.Since),
    };

    public static JsonObject Limits(IdentityLimits limits) => new()
    {
        ["minStake"] = limits.MinStake,
        ["maxStake"] = limits.MaxStake,
        ["stakeStep"] = limits.StakeStep,
        ["maxOpenPairs"] = limits.MaxOpenPairs,
        ["maxStakePerDay"] = limits.MaxDailyStake,
        ["limitedBelowShare"] = limits.LimitedBelowShare,
    };

    public static JsonArray Array(IEnumerable<JsonNode?> items) => new(items.ToArray());

    /// <summary>How a pair ended, in its stable code (<c>settled</c>, <c>rejected</c>, <c>exposure</c>).</summary>
    public static string Outcome(PairOutcome outcome) => outcome.Code;
}
