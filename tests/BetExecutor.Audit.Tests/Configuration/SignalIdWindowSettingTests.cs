using Akka.Configuration;
using BetExecutor.Actors.Configuration;
using BetExecutor.Node.Hosting;

namespace BetExecutor.Audit.Tests.Configuration;

/// <summary>
/// bet-executor.signal-id-window: 7d by default, off remembers every id, never below 1h nor max-signal-age. With Redis
/// retention on as well (both forget: a reused id can start a pair with no trace of the old one), the node's
/// acceptances record per-acceptance client references.
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
    [InlineData("bet-executor.signal-id-window = 1h\n" + Retention, true)]
    [InlineData(Retention, true)]
    [InlineData("bet-executor.signal-id-window = off\n" + Retention, true)]
    [InlineData("bet-executor.signal-id-window = 1h", false)]
    [InlineData("bet-executor.signal-id-window = 1h\nakka.persistence.snapshot-store.redis.retention.keep-events-for = off", false)]
    [InlineData("", false)]
    public void A_node_runs_with_a_window_and_retention_together_and_then_records_per_acceptance_references(string overrides, bool perAcceptance)
    {
        var configuration = NodeConfiguration.Load(ConfigurationFactory.ParseString(overrides));

        Assert.Equal(perAcceptance, configuration.Options.Account.ReferencePerAcceptance);
        Assert.Equal(perAcceptance, configuration.Options.ToSettings("n").Account.ReferencePerAcceptance);
    }
}
