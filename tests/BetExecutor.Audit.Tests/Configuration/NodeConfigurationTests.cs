using Akka.Configuration;
using BetExecutor.Actors.Configuration;
using BetExecutor.Domain.Identities;
using BetExecutor.Node.Hosting;

namespace BetExecutor.Audit.Tests.Configuration;

/// <summary>reference.conf as the node reads it, overrides on top, and the strictness of both.</summary>
public sealed class NodeConfigurationTests
{
    private static ExecutorOptions With(string overrides) => ExecutorConfiguration.Read(ConfigurationFactory.ParseString(overrides));

    private static readonly Identity Anyone = Identity.Create("any", "brand", "login");

    [Fact]
    public void The_shipped_defaults_are_the_audits()
    {
        var settings = ExecutorConfiguration.Defaults;

        Assert.Equal(TimeSpan.FromSeconds(60), settings.Account.Cooldown);
        Assert.Equal(TimeSpan.FromHours(24), settings.Account.ExposureExpiry);
        Assert.Equal(120, settings.Pair.MaxSettlementPolls);
        Assert.True(settings.Pair.UnknownWindow >= TimeSpan.FromSeconds(30));
        Assert.False(settings.Limits.For(Anyone).DryRun);
        Assert.Null(settings.VenueClient.MaxRequestsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.Account.MaxSignalAge);
    }

    /// <summary>Each setting, a value other than its default, and what it must change in the typed options.</summary>
    public static readonly TheoryData<string, string, Func<ExecutorOptions, object?>> EverySetting = new()
    {
        { "cooldown", "7s", o => o.Account.Cooldown },
        { "exposure-expiry", "3h", o => o.Account.ExposureExpiry },
        { "exposure-blocks-identity", "off", o => o.Account.ExposureBlocksIdentity },
        { "max-signal-age", "4s", o => o.Account.MaxSignalAge },
        { "unknown-window", "45s", o => o.Pair.UnknownWindow },
        { "first-lookup-delay", "1s", o => o.Pair.FirstLookupDelay },
        { "max-lookup-delay", "20s", o => o.Pair.MaxLookupDelay },
        { "late-acceptance-watch", "0s", o => o.Pair.LateAcceptanceWatch },
        { "late-acceptance-check-every", "10s", o => o.Pair.LateAcceptanceCheckEvery },
        { "hedge-max-attempts", "5", o => o.Pair.HedgeMaxAttempts },
        { "hedge-retry-delay", "500ms", o => o.Pair.HedgeRetryDelay },
        { "hedge-retry-budget", "1m", o => o.Pair.HedgeRetryBudget },
        { "hedge-short-tolerance", "0.02", o => o.Pair.HedgeShortTolerance },
        { "settlement-poll-interval", "1m", o => o.Pair.PollInterval },
        { "max-settlement-polls", "10", o => o.Pair.MaxSettlementPolls },
        { "max-start-delay", "2s", o => o.Pair.MaxStartDelay },
        { "pair-restart-delay", "1s", o => o.PairRestartDelay },
        { "max-pair-restarts", "1", o => o.Pair.MaxPairRestarts },
        { "account-snapshot-every", "10", o => o.AccountSnapshotEvery },
        { "shards", "7", o => o.Shards },
        { "data-directory", "\"/var/lib/betexecutor\"", o => o.DataDirectory },
        { "account-idle-passivation", "off", o => o.AccountIdlePassivation },
        { "limits.default.min-stake", "2", o => o.Limits.For(Anyone).MinStake },
        { "limits.default.max-stake", "300", o => o.Limits.For(Anyone).MaxStake },
        { "limits.default.stake-step", "0.5", o => (o.Limits.For(Anyone).StakeStep, o.Pair.HedgeStakeStep) },
        { "limits.default.max-open-pairs", "2", o => o.Limits.For(Anyone).MaxOpenPairs },
        { "limits.default.max-daily-stake", "1000", o => o.Limits.For(Anyone).MaxDailyStake },
        { "limits.default.limited-below-share", "0.25", o => o.Limits.For(Anyone).LimitedBelowShare },
        { "limits.default.dry-run", "on", o => o.Limits.For(Anyone).DryRun },
        { "venue-client.placement-timeout", "4s", o => o.VenueClient.PlacementTimeout },
        { "venue-client.query-attempt-timeout", "1s", o => o.VenueClient.QueryAttemptTimeout },
        { "venue-client.query-retries", "0", o => o.VenueClient.QueryRetries },
        { "venue-client.max-requests-per-second", "20", o => o.VenueClient.MaxRequestsPerSecond },
        { "kill-switch.refresh-interval", "1s", o => o.KillSwitch.RefreshInterval },
        { "kill-switch.start-wait", "3s", o => o.KillSwitch.StartWait },
        { "signal-id-window", "30d", o => o.Account.SignalIdWindow },
    };

    [Theory]
    [MemberData(nameof(EverySetting))]
    public void Every_setting_reaches_the_typed_options(string key, string value, Func<ExecutorOptions, object?> read)
    {
        var changed = read(With($"bet-executor.{key} = {value}"));

        Assert.NotEqual(read(ExecutorConfiguration.Defaults), changed);
    }

    [Fact]
    public void Every_key_of_reference_conf_is_in_the_table_above()
    {
        var inTable = EverySetting.Select(row => (string)row[0]).ToHashSet();
        var inFile = Leaves(ExecutorConfiguration.Reference.GetValue("bet-executor").GetObject(), "")
            .Where(k => !k.StartsWith("limits.identities", StringComparison.Ordinal))
            // The gateway's section is read into GatewayOptions; BetExecutor.Gateway.Tests holds its table.
            .Where(k => !k.StartsWith("gateway.", StringComparison.Ordinal))
            // The admin API's section is read into AdminOptions; BetExecutor.Admin.Tests checks it.
            .Where(k => !k.StartsWith("admin.", StringComparison.Ordinal))
            .ToHashSet();

        Assert.Equal(inFile.Order(), inTable.Order());
    }

    private static IEnumerable<string> Leaves(Akka.Configuration.Hocon.HoconObject node, string prefix) =>
        node.Items.SelectMany(item => item.Value.IsObject()
            ? Leaves(item.Value.GetObject(), $"{prefix}{item.Key}.")
            : [$"{prefix}{item.Key}"]);

    [Fact]
    public void Limits_per_identity_override_the_default_and_apply_to_that_identity_only()
    {
        var settings = With("""
            bet-executor.limits.default.max-stake = 500
            bet-executor.limits.identities { "bookie/brand1/alice" { max-stake = 100, dry-run = on } }
            """);

        var alice = settings.Limits.For(Identity.Create("bookie", "brand1", "alice"));
        var bob = settings.Limits.For(Identity.Create("bookie", "brand1", "bob"));
        Assert.Equal((100m, true), (alice.MaxStake, alice.DryRun));
        Assert.Equal((500m, false), (bob.MaxStake, bob.DryRun));
        Assert.False(settings.EveryIdentityDryRun);
        Assert.True(With("bet-executor.limits.default.dry-run = on").EveryIdentityDryRun);
    }

    [Fact]
    public void A_hedge_is_rounded_to_its_own_identitys_stake_step()
    {
        var settings = With("""bet-executor.limits.identities { "exchange/main/hedger" { stake-step = 0.5 } }""").ToSettings("n1");
        var signal = Support.Signals.For(Support.Signals.Account("alice"), "s-1");

        Assert.Equal(Support.Signals.Hedger, signal.Hedge.Identity);
        Assert.Equal(0.01m, settings.Pair.HedgeStakeStep);
        Assert.Equal(0.5m, settings.PairFor(signal).HedgeStakeStep);
    }

    [Theory]
    [InlineData("bet-executor.max-stak = 10", "bet-executor.max-stak")]
    [InlineData("bet-executor.limits.default.max-stak = 10", "bet-executor.limits.default.max-stak")]
    [InlineData("bet-executor.limits.identities { \"a/b/c\" { max-stak = 10 } }", "bet-executor.limits.identities.\"a/b/c\".max-stak")]
    [InlineData("bet-executor.hedge-stake-step = 0.5", "bet-executor.hedge-stake-step")]
    [InlineData("bet-executor.venue-client.timeout = 1s", "bet-executor.venue-client.timeout")]
    [InlineData("bet-exector.cooldown = 1s", "bet-exector")]
    [InlineData("bet-executor.limits = 5", "bet-executor.limits")]
    public void An_unknown_key_is_refused_naming_it(string overrides, string key)
    {
        var error = Assert.Throws<SettingException>(() => With(overrides));

        Assert.Equal(key, error.Setting);
        Assert.StartsWith(key + ":", error.Message);
    }

    [Theory]
    [InlineData("bet-executor.shards = 0", "bet-executor.shards")]
    [InlineData("bet-executor.shards = 1.5", "bet-executor.shards")]
    [InlineData("bet-executor.cooldown = -5s", "bet-executor.cooldown")]
    [InlineData("bet-executor.cooldown = 60", "bet-executor.cooldown")]
    [InlineData("bet-executor.cooldown = soon", "bet-executor.cooldown")]
    [InlineData("bet-executor.cooldown = 400d", "bet-executor.cooldown")]
    [InlineData("bet-executor.unknown-window = 0s", "bet-executor.unknown-window")]
    [InlineData("bet-executor.max-settlement-polls = 0", "bet-executor.max-settlement-polls")]
    [InlineData("bet-executor.hedge-max-attempts = 0", "bet-executor.hedge-max-attempts")]
    [InlineData("bet-executor.exposure-blocks-identity = maybe", "bet-executor.exposure-blocks-identity")]
    [InlineData("bet-executor.hedge-short-tolerance = 0.9", "bet-executor.hedge-short-tolerance")]
    [InlineData("bet-executor.first-lookup-delay = 30s", "bet-executor.first-lookup-delay")]
    [InlineData("bet-executor.limits.default.max-stake = -1", "bet-executor.limits.default.max-stake")]
    [InlineData("bet-executor.limits.default.max-stake = 0", "bet-executor.limits.default.max-stake")]
    [InlineData("bet-executor.limits.default.stake-step = 1e-28", "bet-executor.limits.default.stake-step")]
    [InlineData("bet-executor.limits.default.limited-below-share = 2", "bet-executor.limits.default.limited-below-share")]
    [InlineData("bet-executor.limits.default { min-stake = 50, max-stake = 10 }", "bet-executor.limits.default.min-stake")]
    [InlineData("bet-executor.limits.identities { \"not-a-key\" { max-stake = 1 } }", "bet-executor.limits.identities.\"not-a-key\"")]
    [InlineData("bet-executor.limits.identities { \"a/b/c\" { max-open-pairs = 0 } }", "bet-executor.limits.identities.\"a/b/c\".max-open-pairs")]
    [InlineData("bet-executor.venue-client.max-requests-per-second = lots", "bet-executor.venue-client.max-requests-per-second")]
    [InlineData("bet-executor.venue-client.query-retries = 50", "bet-executor.venue-client.query-retries")]
    [InlineData("bet-executor.account-idle-passivation = 0s", "bet-executor.account-idle-passivation")]
    [InlineData("bet-executor.account-idle-passivation = never", "bet-executor.account-idle-passivation")]
    public void A_value_out_of_range_is_refused_naming_the_setting(string overrides, string key)
    {
        var error = Assert.Throws<SettingException>(() => With(overrides));

        Assert.Equal(key, error.Setting);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Account_idle_passivation_defaults_to_two_minutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(2), ExecutorConfiguration.Defaults.AccountIdlePassivation);
        Assert.Equal(TimeSpan.FromSeconds(90), With("bet-executor.account-idle-passivation = 90s").AccountIdlePassivation);
    }

    [Fact]
    public void The_node_takes_lease_and_split_brain_timings_from_its_settings_file()
    {
        var configuration = NodeConfiguration.Load(ConfigurationFactory.ParseString("""
            akka.coordination.lease.redis { heartbeat-timeout = 3s, heartbeat-interval = 500ms, lease-operation-timeout = 1s }
            akka.cluster.split-brain-resolver.stable-after = 4s
            """));

        Assert.Equal(new LeaseTimings(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)), configuration.Lease);
        Assert.Equal(TimeSpan.FromSeconds(4), configuration.Hocon.GetTimeSpan("akka.cluster.split-brain-resolver.stable-after"));
        Assert.Equal(new LeaseTimings(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5)), NodeConfiguration.Load(null).Lease);
    }

    [Theory]
    [InlineData("akka.coordination.lease.redis.configuration-string = \"elsewhere:6379\"", "akka.coordination.lease.redis.configuration-string")]
    [InlineData("akka.coordination.lease.redis.key-prefix = other", "akka.coordination.lease.redis.key-prefix")]
    [InlineData("akka.coordination.lease.redis.heartbeat-timeout = soon", "akka.coordination.lease.redis.heartbeat-timeout")]
    [InlineData("akka.coordination.lease.redis.heartbeat-interval = 0s", "akka.coordination.lease.redis.heartbeat-interval")]
    [InlineData("akka.coordination.lease.redis { heartbeat-timeout = 2s, heartbeat-interval = 1s }", "akka.coordination.lease.redis")]
    [InlineData("akka.coordination.lease.redis { heartbeat-timeout = 3s, heartbeat-interval = 500ms, lease-operation-timeout = 5s }", "akka.coordination.lease.redis")]
    public void A_lease_setting_the_node_does_not_take_or_cannot_use_is_refused_naming_it(string overrides, string key)
    {
        var error = Assert.Throws<SettingException>(() => NodeConfiguration.Load(ConfigurationFactory.ParseString(overrides)));

        Assert.Equal(key, error.Setting);
        Assert.DoesNotContain('\n', error.Message);
    }
}
