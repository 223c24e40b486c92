using Akka.Configuration;
using BetExecutor.Actors.Configuration;
using BetExecutor.Node.Hosting;

namespace BetExecutor.Audit.Tests.Configuration;

/// <summary>
/// bet-executor.signal-id-window: 7d by default, off remembers every id, never below 1h nor max-signal-age; a node
/// refuses it together with retention (both forgetting would let a reused id start a pair under old client references).
/// </summary>
public sealed class SignalIdWindowSettingTests
{
    private static TimeSpan? Read(string overrides) =>
        ExecutorConfiguration.Read(ConfigurationFactory.ParseString(overrides)).Account.SignalIdWindow;

    [Fact]
    public void The_shipped_window_is_seven_days() => Assert.Equal(TimeSpan.FromDays(7), ExecutorConfiguration.Defaults.Account.SignalIdWindow);

    [Theory]
    [InlineData("bet-executor.signal-id-window = 1h", 1.0)]
    [InlineData("bet-executor.signal-id-window = 30d", 720.0)]
    [InlineData("bet-executor { max-signal-age = 2h, signal-id-window = 2h }", 2.0)]
    public void A_window_at_or_above_the_floor_is_taken(string overrides, double hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), Read(overrides));

    [Fact]
    public void Off_remembers_every_id() => Assert.Null(Read("bet-executor.signal-id-window = off"));

    [Theory]
    [InlineData("bet-executor.signal-id-window = 59m")]
    [InlineData("bet-executor.signal-id-window = 0s")]
    [InlineData("bet-executor { max-signal-age = 3h, signal-id-window = 2h }")]
    [InlineData("bet-executor.signal-id-window = soon")]
    public void A_window_below_the_floor_or_not_a_duration_is_refused_naming_the_setting(string overrides)
    {
        var error = Assert.Throws<SettingException>(() => Read(overrides));
        Assert.Equal("bet-executor.signal-id-window", error.Setting);
    }

    private const string Retention = """
        akka.persistence.snapshot-store.redis.retention { keep-events-for = 30d, archive-directory = "/var/lib/betexecutor/archive" }
        """;

    [Theory]
    [InlineData("bet-executor.signal-id-window = 1h")]
    [InlineData("")]
    public void A_node_refuses_a_window_together_with_retention_naming_the_window(string window)
    {
        var error = Assert.Throws<SettingException>(() => NodeConfiguration.Load(ConfigurationFactory.ParseString(window + "\n" + Retention)));

        Assert.Equal("bet-executor.signal-id-window", error.Setting);
        Assert.Contains("retention.keep-events-for", error.Message);
    }

    [Theory]
    [InlineData("bet-executor.signal-id-window = off\n" + Retention)]
    [InlineData("bet-executor.signal-id-window = 1h")]
    [InlineData("bet-executor.signal-id-window = 1h\nakka.persistence.snapshot-store.redis.retention.keep-events-for = off")]
    public void A_node_runs_with_either_forgetting_alone(string overrides) =>
        Assert.NotNull(NodeConfiguration.Load(ConfigurationFactory.ParseString(overrides)));
}
