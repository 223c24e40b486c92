using System.Text.Json.Nodes;
using static BetExecutor.Scenarios.Tests.SampleScenario;

namespace BetExecutor.Scenarios.Tests;

/// <summary>
/// Issue 8, item 7: a scenario file reads its signals with the one strict ingress reader, so every bound of a signal
/// (and of an identity's limits) holds in a scenario as at the node's feed.
/// </summary>
public class ScenarioBoundsTests
{
    [Fact]
    public void A_stake_step_of_1e_28_is_refused_naming_it()
    {
        var json = With(root => root["settings"]!["identities"] = JsonNode.Parse(
            """[{"identity": {"provider": "p1", "whitelabel": "w1", "account": "a1"}, "stakeStep": 0.0000000000000000000000000001}]"""));

        AssertOnlyError(json, "settings.identities[0].stakeStep", "between");
    }

    [Fact]
    public void A_stake_of_8e26_is_refused_naming_it()
    {
        AssertOnlyError(With(root => root.Signal()["positive"]!["stake"] = 8e26m), "steps[0].signal.positive.stake", "at most");
    }

    [Fact]
    public void Currency_XYZ_is_refused_naming_it()
    {
        AssertOnlyError(With(root => root.Signal()["positive"]!["currency"] = "XYZ"), "steps[0].signal.positive.currency", "ISO 4217");
    }

    [Fact]
    public void A_hedge_on_the_positive_selection_written_Home_is_refused()
    {
        var json = With(root =>
        {
            root.Signal()["hedge"]!["identity"] = root.Signal()["identity"]!.DeepClone();
            root.Signal()["hedge"]!["selection"] = "Home";
        });

        AssertOnlyError(json, "steps[0].signal.hedge.identity", "hedge nothing");
    }

    [Fact]
    public void A_kick_off_on_0001_01_01_is_refused_naming_it()
    {
        AssertOnlyError(With(root => root.Signal()["event"]!["startsAt"] = "0001-01-01T00:00:00Z"), "steps[0].signal.event.startsAt", "before now");
    }

    [Fact]
    public void A_kick_off_is_judged_at_its_step_time_not_at_the_file_start()
    {
        // The signal runs 40 days after the start: a kick-off at the start is then 40 days past, beyond the window.
        var json = With(root =>
        {
            root.Step(0)["at"] = "40d";
            root.Step(1)["at"] = "41d";
            root.Signal()["event"]!["startsAt"] = "2030-06-01T12:00:00Z";
            root.Signal()["inPlay"] = true;
        });

        AssertOnlyError(json, "steps[0].signal.event.startsAt", "more than 31 days before now (2030-07-11T12:00:00");
    }

    [Fact]
    public void Control_characters_in_a_selection_are_refused_naming_it()
    {
        AssertOnlyError(With(root => root.Signal()["positive"]!["selection"] = "home\u001b[0m"), "steps[0].signal.positive.selection", "U+001B");
    }
}
