using Akka.Configuration;
using BetExecutor.Actors;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Node.Hosting;

/// <summary>Reads <c>bet-executor { ... }</c> into typed settings; a missing or malformed key fails the start, naming it.</summary>
public static class ExecutorSettingsReader
{
    public static ExecutorSettings Read(Config config, string node)
    {
        var c = config.GetConfig("bet-executor") ?? throw new InvalidOperationException("bet-executor: the section is missing");
        return new ExecutorSettings(
            new AccountSettings(
                Cooldown: Time(c, "cooldown"),
                ExposureExpiry: Time(c, "exposure-expiry"),
                ExposureBlocksIdentity: c.GetBoolean("exposure-blocks-identity", true),
                MaxSignalAge: Time(c, "max-signal-age")),
            new PairSettings(
                UnknownWindow: Time(c, "unknown-window"),
                FirstLookupDelay: Time(c, "first-lookup-delay"),
                MaxLookupDelay: Time(c, "max-lookup-delay"),
                HedgeMaxAttempts: Positive(c, "hedge-max-attempts"),
                HedgeRetryDelay: Time(c, "hedge-retry-delay"),
                HedgeRetryBudget: Time(c, "hedge-retry-budget"),
                PollInterval: Time(c, "settlement-poll-interval"),
                MaxSettlementPolls: Positive(c, "max-settlement-polls"),
                MaxStartDelay: Time(c, "max-start-delay"),
                HedgeStakeStep: c.GetDecimal("hedge-stake-step", 0.01m),
                LateAcceptanceWatch: Time(c, "late-acceptance-watch"),
                LateAcceptanceCheckEvery: Time(c, "late-acceptance-check-every")),
            node,
            Guid.NewGuid().ToString("N"),
            Time(c, "pair-restart-delay"),
            Positive(c, "account-snapshot-every"),
            ReadLimits(c));
    }

    private static IdentityPolicies ReadLimits(Config c)
    {
        var defaults = c.HasPath("limits.default") ? Limits(c.GetConfig("limits.default"), "limits.default", IdentityLimits.Unlimited) : IdentityLimits.Unlimited;
        var policies = IdentityPolicies.Unlimited with { Default = defaults };
        if (!c.HasPath("limits.identities")) return policies;
        foreach (var entry in c.GetConfig("limits.identities").Root.GetObject().Items)
        {
            var key = entry.Key;
            if (!BetExecutor.Domain.Identities.Identity.TryParseKey(key, out var identity))
                throw new InvalidOperationException($"bet-executor.limits.identities.\"{key}\": not an identity key provider/whitelabel/account");
            policies = policies.With(identity!, Limits(c.GetConfig($"limits.identities.\"{key}\""), $"limits.identities.\"{key}\"", defaults));
        }
        return policies;
    }

    private static IdentityLimits Limits(Config c, string path, IdentityLimits fallback)
    {
        decimal? Amount(string key)
        {
            if (!c.HasPath(key)) return null;
            var value = c.GetDecimal(key);
            return value > 0m ? value : throw new InvalidOperationException($"bet-executor.{path}.{key}: must be greater than 0");
        }
        var limits = new IdentityLimits(
            MinStake: Amount("min-stake") ?? fallback.MinStake,
            MaxStake: Amount("max-stake") ?? fallback.MaxStake,
            StakeStep: Amount("stake-step") ?? fallback.StakeStep,
            MaxOpenPairs: c.HasPath("max-open-pairs") ? Positive(c, "max-open-pairs") : fallback.MaxOpenPairs,
            MaxDailyStake: Amount("max-daily-stake") ?? fallback.MaxDailyStake,
            LimitedBelowShare: c.HasPath("limited-below-share") ? c.GetDecimal("limited-below-share") : fallback.LimitedBelowShare,
            DryRun: c.HasPath("dry-run") ? c.GetBoolean("dry-run") : fallback.DryRun);
        if (limits.LimitedBelowShare is < 0m or > 1m)
            throw new InvalidOperationException($"bet-executor.{path}.limited-below-share: must be between 0 and 1");
        return limits;
    }

    public static int Shards(Config config) => config.GetInt("bet-executor.shards", 100);

    /// <summary>The HTTP venue client's settings from <c>bet-executor.venue-client</c>.</summary>
    public static Bookmakers.Http.HttpVenueClientOptions VenueClient(Config config)
    {
        var c = config.GetConfig("bet-executor.venue-client") ?? throw new InvalidOperationException("bet-executor.venue-client: the section is missing");
        var rate = c.GetString("max-requests-per-second", "off");
        int? perSecond = rate is "off" or "" ? null
            : int.TryParse(rate, out var parsed) && parsed > 0 ? parsed
            : throw new InvalidOperationException($"bet-executor.venue-client.max-requests-per-second: '{rate}' is neither off nor a positive whole number");
        return new Bookmakers.Http.HttpVenueClientOptions
        {
            PlacementTimeout = Time(c, "placement-timeout"),
            QueryAttemptTimeout = Time(c, "query-attempt-timeout"),
            QueryRetries = c.GetInt("query-retries", 2),
            MaxRequestsPerSecond = perSecond,
        };
    }

    private static TimeSpan Time(Config c, string key)
    {
        if (!c.HasPath(key)) throw new InvalidOperationException($"bet-executor.{key}: missing");
        var value = c.GetTimeSpan(key);
        if (value < TimeSpan.Zero) throw new InvalidOperationException($"bet-executor.{key}: must not be negative");
        return value;
    }

    private static int Positive(Config c, string key)
    {
        var value = c.GetInt(key);
        if (value < 1) throw new InvalidOperationException($"bet-executor.{key}: must be at least 1");
        return value;
    }
}
