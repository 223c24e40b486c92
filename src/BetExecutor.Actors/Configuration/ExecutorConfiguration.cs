using Akka.Configuration;
using BetExecutor.Venues.Http;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Configuration;

/// <summary>
/// The executor's one source of settings: the embedded reference.conf (every key, its default and its comment) under
/// a deployment's overrides, read once into <see cref="ExecutorOptions"/>. Strict: a key under <c>bet-executor</c>
/// that reference.conf does not have, a top-level section other than <c>bet-executor</c> and <c>akka</c>, or a value
/// out of range is a <see cref="SettingException"/> naming the setting.
/// </summary>
public static class ExecutorConfiguration
{
    public const string Section = "bet-executor";

    /// <summary>reference.conf as compiled into this assembly.</summary>
    public static Config Reference { get; } = LoadReference();

    /// <summary>The options with no override: what every default in reference.conf amounts to.</summary>
    public static ExecutorOptions Defaults { get; } = Read(null);

    /// <summary>The overrides (if any) over reference.conf: the whole configuration a node runs with.</summary>
    public static Config Merge(Config? overrides) => overrides is null || overrides.IsEmpty ? Reference : overrides.WithFallback(Reference);

    /// <summary>Checks <paramref name="overrides"/> key by key against reference.conf, then reads the merged settings.</summary>
    public static ExecutorOptions Read(Config? overrides)
    {
        if (overrides is not null && !overrides.IsEmpty) StrictKeys.Check(overrides, Reference);
        return ReadSection(new SettingReader(Merge(overrides).GetConfig(Section), Section));
    }

    /// <summary>
    /// A duration of the merged configuration outside <c>bet-executor</c> (an <c>akka</c> timing the node reads itself),
    /// with the same rules and messages as the executor's own.
    /// </summary>
    /// <exception cref="SettingException">not a duration, or out of range (names <paramref name="section"/>.<paramref name="key"/>).</exception>
    public static TimeSpan Duration(Config config, string section, string key, bool zeroAllowed) =>
        new SettingReader(config.GetConfig(section), section).Duration(key, zeroAllowed);

    /// <summary>Shortest signal-id window: shorter would forget ids a resending client could still repeat.</summary>
    public static readonly TimeSpan SignalIdWindowFloor = TimeSpan.FromHours(1);

    private static TimeSpan? ReadSignalIdWindow(SettingReader c)
    {
        if (c.DurationOrOff("signal-id-window") is not { } window) return null;
        var maxAge = c.Duration("max-signal-age", zeroAllowed: false);
        var floor = maxAge > SignalIdWindowFloor ? maxAge : SignalIdWindowFloor;
        if (window < floor)
            throw new SettingException(c.PathOf("signal-id-window"),
                $"must be at least {floor} (1h and max-signal-age), got {window}: a repeat must never outlive the memory of its id");
        return window;
    }

    private static ExecutorOptions ReadSection(SettingReader c)
    {
        var limits = ReadLimits(c.Section("limits"));
        var firstLookup = c.Duration("first-lookup-delay", zeroAllowed: false);
        var maxLookup = c.Duration("max-lookup-delay", zeroAllowed: false);
        if (firstLookup > maxLookup)
            throw new SettingException(c.PathOf("first-lookup-delay"), $"must not exceed max-lookup-delay ({firstLookup} > {maxLookup})");
        var account = new AccountSettings(
            Cooldown: c.Duration("cooldown", zeroAllowed: true),
            ExposureExpiry: c.Duration("exposure-expiry", zeroAllowed: false),
            ExposureBlocksIdentity: c.Switch("exposure-blocks-identity"),
            MaxSignalAge: c.Duration("max-signal-age", zeroAllowed: false),
            SignalIdWindow: ReadSignalIdWindow(c));
        var pair = new PairSettings(
            UnknownWindow: c.Duration("unknown-window", zeroAllowed: false),
            FirstLookupDelay: firstLookup,
            MaxLookupDelay: maxLookup,
            HedgeMaxAttempts: c.Whole("hedge-max-attempts", 1, 100),
            HedgeRetryDelay: c.Duration("hedge-retry-delay", zeroAllowed: true),
            HedgeRetryBudget: c.Duration("hedge-retry-budget", zeroAllowed: true),
            PollInterval: c.Duration("settlement-poll-interval", zeroAllowed: false),
            MaxSettlementPolls: c.Whole("max-settlement-polls", 1, 100_000),
            MaxStartDelay: c.Duration("max-start-delay", zeroAllowed: false),
            // A pair's hedge is rounded to its hedge identity's stake step (ExecutorSettings.PairFor); this is the default's.
            HedgeStakeStep: limits.Default.StakeStep,
            HedgeShortTolerance: c.Number("hedge-short-tolerance", 0m, 0.5m),
            LateAcceptanceWatch: c.Duration("late-acceptance-watch", zeroAllowed: true),
            LateAcceptanceCheckEvery: c.Duration("late-acceptance-check-every", zeroAllowed: false),
            MaxPairRestarts: c.Whole("max-pair-restarts", 0, 100));
        return new ExecutorOptions(
            account,
            pair,
            PairRestartDelay: c.Duration("pair-restart-delay", zeroAllowed: true),
            AccountSnapshotEvery: c.Whole("account-snapshot-every", 1, 1_000_000),
            Shards: c.Whole("shards", 1, 10_000),
            limits,
            ReadVenueClient(c.Section("venue-client")),
            DataDirectory: c.FilePath("data-directory"),
            AccountIdlePassivation: c.DurationOrOff("account-idle-passivation"),
            new KillSwitchTimings(
                RefreshInterval: c.Section("kill-switch").Duration("refresh-interval", zeroAllowed: false),
                StartWait: c.Section("kill-switch").Duration("start-wait", zeroAllowed: false)));
    }

    private static IdentityPolicies ReadLimits(SettingReader c)
    {
        var defaults = ReadIdentityLimits(c.Section("default"), fallback: null);
        var policies = IdentityPolicies.Unlimited with { Default = defaults };
        foreach (var key in c.Section("identities").Keys())
        {
            var path = $"{c.PathOf("identities")}.\"{key}\"";
            if (!Identity.TryParseKey(key, out var identity))
                throw new SettingException(path, "not an identity key: write \"provider/whitelabel/account\"");
            policies = policies.With(identity!, ReadIdentityLimits(c.Section($"identities.\"{key}\""), defaults));
        }
        return policies;
    }

    /// <summary>One identity's limits; keys it does not name come from <paramref name="fallback"/> (the default's).</summary>
    private static IdentityLimits ReadIdentityLimits(SettingReader c, IdentityLimits? fallback)
    {
        const decimal MaxAmount = 1_000_000_000m;
        T Pick<T>(string key, Func<string, T> read, T inherited) => fallback is null || c.Has(key) ? read(key) : inherited;
        var limits = new IdentityLimits(
            MinStake: Pick("min-stake", k => c.NumberOrOff(k, 0m, MaxAmount, minExcluded: true), fallback?.MinStake),
            MaxStake: Pick("max-stake", k => c.NumberOrOff(k, 0m, MaxAmount, minExcluded: true), fallback?.MaxStake),
            StakeStep: Pick("stake-step", k => c.Number(k, 0m, 1_000m, minExcluded: true), fallback?.StakeStep ?? 0m),
            MaxOpenPairs: Pick("max-open-pairs", k => c.WholeOrOff(k, 1, 100_000), fallback?.MaxOpenPairs),
            MaxDailyStake: Pick("max-daily-stake", k => c.NumberOrOff(k, 0m, MaxAmount, minExcluded: true), fallback?.MaxDailyStake),
            LimitedBelowShare: Pick("limited-below-share", k => c.Number(k, 0m, 1m), fallback?.LimitedBelowShare ?? 0m),
            DryRun: Pick("dry-run", c.Switch, fallback?.DryRun ?? false));
        if (limits.MinStake > limits.MaxStake)
            throw new SettingException(c.PathOf("min-stake"), $"must not exceed max-stake ({limits.MinStake} > {limits.MaxStake})");
        return limits;
    }

    private static HttpVenueClientOptions ReadVenueClient(SettingReader c) => new()
    {
        PlacementTimeout = c.Duration("placement-timeout", zeroAllowed: false),
        QueryAttemptTimeout = c.Duration("query-attempt-timeout", zeroAllowed: false),
        QueryRetries = c.Whole("query-retries", 0, 10),
        MaxRequestsPerSecond = c.WholeOrOff("max-requests-per-second", 1, 100_000),
    };

    private static Config LoadReference()
    {
        const string Name = "BetExecutor.Actors.reference.conf";
        using var stream = typeof(ExecutorConfiguration).Assembly.GetManifestResourceStream(Name)
            ?? throw new InvalidOperationException($"the embedded resource {Name} is missing");
        using var reader = new StreamReader(stream);
        return ConfigurationFactory.ParseString(reader.ReadToEnd());
    }
}
