using System.Text.Json.Nodes;
using static BetExecutor.Scenarios.Tests.SampleScenario;

namespace BetExecutor.Scenarios.Tests;

public class ScenarioParserErrorListTests
{
    [Fact]
    public void Several_errors_are_reported_together_in_the_order_their_fields_appear_in_the_file()
    {
        var json = With(root =>
        {
            root["settings"]!["maxSettlementPolls"] = 0;
            // Written after stake in the hedge, but the stake comes first in the file.
            root.Signal()["hedge"]!["minOdds"] = 0.5;
            root.Signal()["positive"]!["stake"] = "lots";
            root.Signal()["identity"]!.AsObject().Remove("account");
            root.Step(0)["venue"]!["hedge"]!["settle"] = "maybe";
            root.Step(1)["at"] = "x";
            root["extra"] = true;
        });

        var fields = Errors(json).Select(e => e.Field).ToList();

        Assert.Equal(
            [
                "settings.maxSettlementPolls",
                // A missing field is placed at the end of its object.
                "steps[0].signal.identity.account",
                "steps[0].signal.positive.stake",
                "steps[0].signal.hedge.minOdds",
                "steps[0].venue.hedge.settle",
                "steps[1].at",
                "extra",
            ],
            fields);
    }

    [Fact]
    public void A_signal_rule_error_is_placed_where_its_field_is_even_when_the_rules_check_it_first()
    {
        // SignalRules checks signalId before positive.odds; the file here writes the positive leg before the id.
        var json = With(root =>
        {
            var signal = root.Signal().AsObject();
            var positive = signal["positive"]!.DeepClone();
            var rest = signal.Where(p => p.Key != "positive").Select(p => (p.Key, Value: p.Value!.DeepClone())).ToList();
            signal.Clear();
            signal["positive"] = positive;
            foreach (var (key, value) in rest) signal[key] = value;
            signal["positive"]!["odds"] = 1;
            signal["signalId"] = "s 1";
        });

        var fields = Errors(json).Select(e => e.Field).ToList();

        Assert.Equal(["steps[0].signal.positive.odds", "steps[0].signal.signalId"], fields);
    }

    [Fact]
    public void Errors_in_every_step_are_found_in_one_pass()
    {
        var json = With(root =>
        {
            var steps = root.Steps();
            steps.Add(JsonNode.Parse("""{"at": "6m", "halt": {"provider": "p1", "whitelabel": "w1"}}"""));
            steps.Add(JsonNode.Parse("""{"at": "5m", "resume": {"provider": "p1", "whitelabel": "w1", "account": "a1"}}"""));
            steps.Add(JsonNode.Parse("""{"at": "7m", "restart": true, "halt": {"provider": "p1", "whitelabel": "w1", "account": "a1"}}"""));
        });

        var errors = Errors(json).Select(e => e.ToString()).ToList();

        Assert.Equal(4, errors.Count);
        Assert.StartsWith("steps[2].halt.account: is required", errors[0]);
        Assert.StartsWith("steps[3].at: is 5m, earlier than the step before it (6m)", errors[1]);
        Assert.StartsWith("steps[4]: has halt and restart", errors[2]);
        Assert.StartsWith("steps[4].restart: needs a run with Redis (--redis)", errors[3]);
    }

    [Fact]
    public void A_step_with_two_kinds_still_has_the_mistakes_inside_its_signal_reported()
    {
        var json = With(root =>
        {
            root.Step(0)["halt"] = root.Step(1)["halt"]!.DeepClone();
            root.Signal()["positive"]!["stake"] = -1;
        });

        var errors = Errors(json).Select(e => e.ToString()).ToList();

        Assert.Equal(2, errors.Count);
        Assert.StartsWith("steps[0]: has signal and halt", errors[0]);
        Assert.Equal("steps[0].signal.positive.stake: must be greater than 0", errors[1]);
    }

    [Fact]
    public void A_wrong_object_is_one_error_not_one_per_field_inside_it()
    {
        var json = With(root => root.Signal()["hedge"] = "x1/x1/h1");

        AssertOnlyError(json, "steps[0].signal.hedge", "must be an object, not the string \"x1/x1/h1\"");
    }

    [Fact]
    public void A_wrong_signal_id_in_an_otherwise_broken_signal_still_lets_a_later_step_resolve_it()
    {
        var json = With(root =>
        {
            root.Signal()["positive"]!["stake"] = 0;
            root.Steps().Add(JsonNode.Parse("""{"at": "1h", "resolveExposure": {"signalId": "s-1", "reason": "checked"}}"""));
        });

        AssertOnlyError(json, "steps[0].signal.positive.stake", "must be greater than 0");
    }
}
