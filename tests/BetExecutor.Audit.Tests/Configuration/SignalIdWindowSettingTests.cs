using Akka.Configuration;
using BetExecutor.Actors.Configuration;

namespace BetExecutor.Audit.Tests.Configuration;

/// <summary>bet-executor.signal-id-window: 7d by default, off remembers every id, never below 1h nor max-signal-age.</summary>
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

    [Fact]
    public void A_retention_longer_than_the_window_is_fine() =>
        Assert.Equal(TimeSpan.FromHours(1), Read("bet-executor.signal-id-window = 1h\nakka.persistence.snapshot-store.redis.retention.keep-events-for = 30d"));
}
