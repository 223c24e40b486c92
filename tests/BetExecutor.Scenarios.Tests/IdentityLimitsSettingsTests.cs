using System.Text.Json.Nodes;
using BetExecutor.Domain.Identities;
using static BetExecutor.Scenarios.Tests.SampleScenario;

namespace BetExecutor.Scenarios.Tests;

/// <summary><c>settings.identities</c>: per-identity limits and dry run.</summary>
public class IdentityLimitsSettingsTests
{
    private static string WithIdentities(string entries) =>
        With(root => root["settings"]!["identities"] = JsonNode.Parse(entries));

    [Fact]
    public void Limits_given_for_an_identity_apply_to_it_and_no_other()
    {
        var scenario = ParseValid(WithIdentities("""
            [{"identity": {"provider": "p1", "whitelabel": "w1", "account": "a1"},
              "minStake": 5, "maxStake": 200, "stakeStep": 0.5, "maxOpenPairs": 2, "maxDailyStake": 1000, "limitedBelowShare": 0.25, "dryRun": true}]
            """));

        var limits = scenario.Settings.Limits.For(Identity.Create("p1", "w1", "a1"));
        Assert.Equal((5m, 200m, 0.5m, 2, 1000m, 0.25m, true),
            (limits.MinStake, limits.MaxStake, limits.StakeStep, limits.MaxOpenPairs, limits.MaxDailyStake, limits.LimitedBelowShare, limits.DryRun));
        Assert.False(scenario.Settings.Limits.For(Identity.Create("p1", "w1", "a2")).DryRun);
    }

    [Fact]
    public void Without_identities_nothing_is_limited()
    {
        var limits = ParseValid(Json).Settings.Limits.For(Identity.Create("p1", "w1", "a1"));

        Assert.Null(limits.MaxStake);
        Assert.False(limits.DryRun);
    }

    [Theory]
    [InlineData("""[{"identity": {"provider": "p1", "whitelabel": "w1", "account": "a1"}, "maxStake": -1}]""", "settings.identities[0].maxStake")]
    [InlineData("""[{"identity": {"provider": "p1", "whitelabel": "w1", "account": "a1"}, "limitedBelowShare": 1.5}]""", "settings.identities[0].limitedBelowShare")]
    [InlineData("""[{"identity": {"provider": "p1", "whitelabel": "w1", "account": "a1"}, "minStake": 10, "maxStake": 5}]""", "settings.identities[0].minStake")]
    [InlineData("""[{"identity": {"provider": "p1", "whitelabel": "w1", "account": "a1"}, "dryrun": true}]""", "settings.identities[0].dryrun")]
    [InlineData("""[{"maxStake": 5}]""", "settings.identities[0].identity")]
    [InlineData("""{"identity": {}}""", "settings.identities")]
    public void A_bad_limit_is_an_error_naming_its_field(string entries, string field)
    {
        Assert.Contains(Errors(WithIdentities(entries)), e => e.Field == field);
    }
}
