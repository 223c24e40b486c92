using Akka.Configuration;
using BetExecutor.Domain.Identities;
using BetExecutor.Node.Hosting;

namespace BetExecutor.Audit.Tests.Configuration;

/// <summary>hocon/betexecutor.conf as the node reads it, and overrides on top.</summary>
public sealed class NodeConfigurationTests
{
    private static Config With(string overrides) => NodeHocon.Load(ConfigurationFactory.ParseString(overrides));

    [Fact]
    public void The_shipped_defaults_are_the_audits()
    {
        var settings = ExecutorSettingsReader.Read(NodeHocon.Load(), "n1");

        Assert.Equal(TimeSpan.FromSeconds(60), settings.Account.Cooldown);
        Assert.Equal(TimeSpan.FromHours(24), settings.Account.ExposureExpiry);
        Assert.Equal(120, settings.Pair.MaxSettlementPolls);
        Assert.True(settings.Pair.UnknownWindow >= TimeSpan.FromSeconds(30));
        Assert.False(settings.Limits.For(Identity.Create("any", "brand", "login")).DryRun);
        Assert.Null(ExecutorSettingsReader.VenueClient(NodeHocon.Load()).MaxRequestsPerSecond);
    }

    [Fact]
    public void Limits_per_identity_override_the_default_and_apply_to_that_identity_only()
    {
        var settings = ExecutorSettingsReader.Read(With("""
            bet-executor.limits.default.max-stake = 500
            bet-executor.limits.identities { "bookie/brand1/alice" { max-stake = 100, dry-run = on } }
            """), "n1");

        var alice = settings.Limits.For(Identity.Create("bookie", "brand1", "alice"));
        var bob = settings.Limits.For(Identity.Create("bookie", "brand1", "bob"));
        Assert.Equal((100m, true), (alice.MaxStake, alice.DryRun));
        Assert.Equal((500m, false), (bob.MaxStake, bob.DryRun));
    }

    [Theory]
    [InlineData("bet-executor.limits.identities { \"not-a-key\" { max-stake = 1 } }", "not-a-key")]
    [InlineData("bet-executor.limits.default.max-stake = -5", "limits.default.max-stake")]
    [InlineData("bet-executor.max-settlement-polls = 0", "max-settlement-polls")]
    public void A_bad_setting_stops_the_node_naming_the_key(string overrides, string key)
    {
        var error = Assert.Throws<InvalidOperationException>(() => ExecutorSettingsReader.Read(With(overrides), "n1"));

        Assert.Contains(key, error.Message);
    }

    [Fact]
    public void The_venue_rate_limit_is_read_and_a_bad_one_is_named()
    {
        Assert.Equal(20, ExecutorSettingsReader.VenueClient(With("bet-executor.venue-client.max-requests-per-second = 20")).MaxRequestsPerSecond);

        var error = Assert.Throws<InvalidOperationException>(() =>
            ExecutorSettingsReader.VenueClient(With("bet-executor.venue-client.max-requests-per-second = lots")));
        Assert.Contains("max-requests-per-second", error.Message);
    }
}
