using Akka.Configuration;
using Akka.Coordination;
using BetExecutor.Coordination.Redis.Hosting;

namespace BetExecutor.Coordination.Redis.Tests;

public sealed class SettingsSpecs
{
    private static Config AkkaLeaseDefaults => LeaseProvider.DefaultConfig().GetConfig("akka.coordination.lease");

    [Fact]
    public void The_reference_defaults_are_read_into_typed_settings()
    {
        var config = RedisLease.DefaultConfig().GetConfig(RedisLease.DefaultConfigPath).WithFallback(AkkaLeaseDefaults);

        var settings = RedisLeaseSettings.Create(LeaseSettings.Create(config, "lease", "127.0.0.1:2552"));

        Assert.Equal(TimeSpan.FromSeconds(20), settings.HeartbeatTimeout);
        Assert.Equal(TimeSpan.FromSeconds(2), settings.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.OperationTimeout);
        Assert.Equal(TimeSpan.FromSeconds(16), settings.LocalValidity);
        Assert.Equal("127.0.0.1:6379", settings.ConfigurationString);
        Assert.Equal(0, settings.Database);
        Assert.Equal("", settings.KeyPrefix);
        Assert.Equal(typeof(RedisLease), Type.GetType(config.GetString("lease-class")));
    }

    [Theory]
    [InlineData(10_000, 5_000, 1_000, "127.0.0.1:6379", "", "heartbeat-interval")]
    [InlineData(10_000, 0, 1_000, "127.0.0.1:6379", "", "heartbeat-interval")]
    [InlineData(10_000, 2_000, 7_000, "127.0.0.1:6379", "", "lease-operation-timeout")]
    [InlineData(10_000, 2_000, 0, "127.0.0.1:6379", "", "lease-operation-timeout")]
    [InlineData(10_000, 2_000, 1_000, " ", "", "configuration-string")]
    [InlineData(10_000, 2_000, 1_000, "127.0.0.1:6379", "a{b}:", "key-prefix")]
    public void An_invalid_setting_is_refused_with_an_error_naming_it(
        int timeoutMs, int intervalMs, int operationMs, string configurationString, string keyPrefix, string named)
    {
        var error = Assert.Throws<ConfigurationException>(() => new RedisLeaseSettings(configurationString, 0, keyPrefix,
            TimeSpan.FromMilliseconds(timeoutMs), TimeSpan.FromMilliseconds(intervalMs), TimeSpan.FromMilliseconds(operationMs)));

        Assert.Contains(named, error.Message);
    }

    [Theory]
    [InlineData("wait-for-replicas = many", "wait-for-replicas")]
    [InlineData("wait-for-replicas = -1", "wait-for-replicas")]
    [InlineData("wait-timeout = soon", "wait-timeout")]
    [InlineData("wait-timeout = 5s", "wait-timeout")]
    public void An_invalid_replica_wait_is_refused_naming_it(string setting, string named)
    {
        var config = ConfigurationFactory.ParseString(setting)
            .WithFallback(RedisLease.DefaultConfig().GetConfig(RedisLease.DefaultConfigPath)).WithFallback(AkkaLeaseDefaults);

        var error = Assert.Throws<ConfigurationException>(() => RedisLeaseSettings.Create(LeaseSettings.Create(config, "lease", "127.0.0.1:2552")));

        Assert.StartsWith(named, error.Message);
    }

    [Fact]
    public void Replica_wait_is_off_by_default_and_read_when_set()
    {
        var defaults = RedisLease.DefaultConfig().GetConfig(RedisLease.DefaultConfigPath).WithFallback(AkkaLeaseDefaults);
        var off = RedisLeaseSettings.Create(LeaseSettings.Create(defaults, "lease", "127.0.0.1:2552"));
        var on = RedisLeaseSettings.Create(LeaseSettings.Create(
            ConfigurationFactory.ParseString("wait-for-replicas = 1\nwait-timeout = 300ms").WithFallback(defaults), "lease", "127.0.0.1:2552"));

        Assert.Equal((0, TimeSpan.FromMilliseconds(500)), (off.WaitForReplicas, off.WaitTimeout));
        Assert.Equal((1, TimeSpan.FromMilliseconds(300)), (on.WaitForReplicas, on.WaitTimeout));
    }

    [Fact]
    public void Settings_never_show_the_Redis_password()
    {
        var settings = new RedisLeaseSettings("127.0.0.1:6379,password=s3cr3t-pw", 0, "", TimeSpan.FromSeconds(20),
            TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));

        Assert.DoesNotContain("s3cr3t-pw", settings.ToString());
        Assert.DoesNotContain("s3cr3t-pw", settings.RedactedConfiguration);
        Assert.Contains("127.0.0.1:6379", settings.RedactedConfiguration);
    }

    [Fact]
    public void The_hosting_option_writes_a_complete_lease_config_at_its_own_path()
    {
        var option = new RedisLeaseOption("akka.coordination.lease.redis-sbr")
        {
            ConfigurationString = "127.0.0.1:7000",
            KeyPrefix = "sbr:",
            HeartbeatTimeout = TimeSpan.FromSeconds(30),
        };

        var config = ConfigurationFactory.ParseString(option.ToHocon()).GetConfig(option.ConfigPath).WithFallback(AkkaLeaseDefaults);
        var settings = RedisLeaseSettings.Create(LeaseSettings.Create(config, "sbr", "127.0.0.1:2552"));

        Assert.Equal(typeof(RedisLease), Type.GetType(config.GetString("lease-class")));
        Assert.Equal(TimeSpan.FromSeconds(30), settings.HeartbeatTimeout);
        // Unset keys come from this lease's reference.conf, not from Akka's generic lease defaults (12 s interval).
        Assert.Equal(TimeSpan.FromSeconds(2), settings.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), settings.OperationTimeout);
        Assert.Equal("127.0.0.1:7000", settings.ConfigurationString);
        Assert.Equal("sbr:", settings.KeyPrefix);
    }

    [Fact]
    public void The_lease_majority_strategy_names_the_lease_option()
    {
        var option = new RedisLeaseOption();

        var sbr = option.LeaseMajority("betexecutor-sbr", "executor");

        Assert.Same(option, sbr.LeaseImplementation);
        Assert.Equal("betexecutor-sbr", sbr.LeaseName);
        Assert.Equal("executor", sbr.Role);
    }
}
