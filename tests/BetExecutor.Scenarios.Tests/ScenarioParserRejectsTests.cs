using System.Text.Json.Nodes;
using static BetExecutor.Scenarios.Tests.SampleScenario;

namespace BetExecutor.Scenarios.Tests;

/// <summary>Each test breaks the sample in one way and expects exactly one error, naming the broken field.</summary>
public class ScenarioParserRejectsTests
{
    [Fact]
    public void A_missing_signal_field_is_required()
    {
        var json = With(root => root.Signal()["positive"]!.AsObject().Remove("market"));

        AssertOnlyError(json, "steps[0].signal.positive.market", "is required");
    }

    [Fact]
    public void A_missing_identity_part_is_required()
    {
        var json = With(root => root.Signal()["identity"]!.AsObject().Remove("account"));

        AssertOnlyError(json, "steps[0].signal.identity.account", "is required");
    }

    [Fact]
    public void An_identity_part_the_domain_refuses_is_named_with_the_step_path()
    {
        var json = With(root => root.Step(1)["halt"]!["whitelabel"] = "w 1");

        AssertOnlyError(json, "steps[1].halt.whitelabel", "contains ' '");
    }

    [Fact]
    public void A_step_without_at_is_an_error_naming_at()
    {
        var json = With(root => root.Step(1).AsObject().Remove("at"));

        AssertOnlyError(json, "steps[1].at", "is required");
    }

    [Fact]
    public void A_negative_stake_is_refused_by_the_signal_rules()
    {
        var json = With(root => root.Signal()["positive"]!["stake"] = -5);

        AssertOnlyError(json, "steps[0].signal.positive.stake", "must be greater than 0");
    }

    [Theory]
    [InlineData("positive", "odds", 1.0)]
    [InlineData("positive", "odds", 0.5)]
    [InlineData("hedge", "minOdds", 1.0)]
    public void Odds_of_one_or_less_are_refused(string leg, string field, double odds)
    {
        var json = With(root => root.Signal()[leg]![field] = odds);

        AssertOnlyError(json, $"steps[0].signal.{leg}.{field}", "must be greater than 1");
    }

    [Fact]
    public void A_hedge_on_the_positive_identity_and_the_same_selection_is_refused()
    {
        var json = With(root =>
        {
            root.Signal()["hedge"]!["identity"] = root.Signal()["identity"]!.DeepClone();
            root.Signal()["hedge"]!["selection"] = "home";
        });

        AssertOnlyError(json, "steps[0].signal.hedge.identity", "would hedge nothing");
    }

    [Fact]
    public void A_step_of_an_unknown_kind_names_the_unknown_field_and_the_kinds_a_step_can_have()
    {
        var json = With(root => root.Steps().Add(JsonNode.Parse("""{"at": "6m", "explode": true}""")));

        var errors = Errors(json);

        Assert.Collection(errors,
            e =>
            {
                Assert.Equal("steps[2]", e.Field);
                Assert.Contains("signal, halt, resume, resolveExposure, restart", e.Message);
            },
            e => Assert.Equal(("steps[2].explode", "unknown field"), (e.Field, e.Message[.."unknown field".Length])));
    }

    [Theory]
    [InlineData("")]
    [InlineData("settings")]
    [InlineData("steps[0].signal")]
    [InlineData("steps[0].signal.positive")]
    [InlineData("steps[0].venue.hedge")]
    public void An_unknown_field_is_named_wherever_it_is(string where)
    {
        var json = With(root =>
        {
            var target = where.Length == 0 ? root : Navigate(root, where);
            target["stkae"] = 50;
        });

        var expectedField = where.Length == 0 ? "stkae" : where + ".stkae";
        AssertOnlyError(json, expectedField, "unknown field");
    }

    [Fact]
    public void A_field_written_twice_is_refused()
    {
        var json = Json.Replace("\"seed\": 7,", "\"seed\": 7, \"seed\": 8,");

        AssertOnlyError(json, "seed", "appears more than once");
    }

    [Fact]
    public void A_step_with_two_kinds_names_the_step_and_both_kinds()
    {
        var json = With(root => root.Step(1)["resume"] = root.Step(1)["halt"]!.DeepClone());

        AssertOnlyError(json, "steps[1]", "has halt and resume");
    }

    [Fact]
    public void A_venue_on_a_step_that_sends_no_signal_is_refused()
    {
        var json = With(root => root.Step(1)["venue"] = new JsonObject());

        AssertOnlyError(json, "steps[1].venue", "only valid on a signal step");
    }

    [Theory]
    [InlineData("5 minutes")]
    [InlineData("5")]
    [InlineData("1.5h")]
    [InlineData("-5s")]
    [InlineData("5M")]
    public void A_bad_duration_is_refused_with_the_form_to_write(string at)
    {
        var json = With(root => root.Step(1)["at"] = at);

        AssertOnlyError(json, "steps[1].at", $"'{at}'");
    }

    [Fact]
    public void A_bad_visible_after_duration_is_refused()
    {
        var json = With(root => root.Step(0)["venue"]!["hedge"]!["visibleAfter"] = "soon");

        AssertOnlyError(json, "steps[0].venue.hedge.visibleAfter", "'soon' is not a duration");
    }

    [Fact]
    public void An_at_earlier_than_the_step_before_it_is_refused()
    {
        var json = With(root =>
        {
            root.Step(0)["at"] = "10m";
            root.Step(1)["at"] = "90s";
        });

        AssertOnlyError(json, "steps[1].at", "is 90s, earlier than the step before it (10m)");
    }

    [Fact]
    public void A_place_the_scripts_do_not_know_is_refused()
    {
        var json = With(root => root.Step(0)["venue"]!["positive"]!["place"] = "maybe");

        AssertOnlyError(json, "steps[0].venue.positive.place", "'maybe' is not one of accept");
    }

    [Fact]
    public void A_settle_the_scripts_do_not_know_is_refused()
    {
        var json = With(root => root.Step(0)["venue"]!["hedge"]!["settle"] = "cashed-out");

        AssertOnlyError(json, "steps[0].venue.hedge.settle", "'cashed-out' is not one of won, lost, void, half-won, half-lost, pending");
    }

    [Fact]
    public void A_restart_without_redis_is_refused_saying_it_needs_redis()
    {
        var json = With(root => root.Steps().Add(JsonNode.Parse("""{"at": "10m", "restart": true}""")));

        AssertOnlyError(json, "steps[2].restart", "--redis");
    }

    [Fact]
    public void A_restart_that_is_not_true_is_refused()
    {
        var json = With(root => root.Steps().Add(JsonNode.Parse("""{"at": "10m", "restart": false}""")));

        AssertOnlyError(json, "steps[2].restart", "must be true", Options(allowRestart: true));
    }

    [Fact]
    public void Resolving_the_exposure_of_a_signal_no_earlier_step_sent_is_refused()
    {
        var json = With(root => root.Steps().Add(JsonNode.Parse("""{"at": "1h", "resolveExposure": {"signalId": "s-2", "reason": "checked"}}""")));

        AssertOnlyError(json, "steps[2].resolveExposure.signalId", "'s-2' is not the id of a signal sent in an earlier step");
    }

    [Fact]
    public void Resolving_the_exposure_of_a_signal_that_a_later_step_sends_is_refused()
    {
        var json = With(root => root.Steps().Insert(0, JsonNode.Parse("""{"at": "0s", "resolveExposure": {"signalId": "s-1", "reason": "early"}}""")));

        AssertOnlyError(json, "steps[0].resolveExposure.signalId", "'s-1'");
    }

    [Fact]
    public void Resolving_an_exposure_without_a_reason_is_refused()
    {
        var json = With(root => root.Steps().Add(JsonNode.Parse("""{"at": "1h", "resolveExposure": {"signalId": "s-1", "reason": " "}}""")));

        AssertOnlyError(json, "steps[2].resolveExposure.reason", "must not be empty");
    }

    [Fact]
    public void A_stake_written_as_a_string_is_refused_as_not_a_number_and_nothing_else()
    {
        var json = With(root => root.Signal()["positive"]!["stake"] = "50.00");

        AssertOnlyError(json, "steps[0].signal.positive.stake", "must be a number, not the string \"50.00\"");
    }

    [Fact]
    public void A_setting_written_as_a_string_is_refused_as_not_a_number()
    {
        var json = With(root => root["settings"]!["cooldownSeconds"] = "60");

        AssertOnlyError(json, "settings.cooldownSeconds", "must be a whole number, not the string \"60\"");
    }

    [Theory]
    [InlineData("cooldownSeconds", -1, "must be at least 0")]
    [InlineData("maxSettlementPolls", 0, "must be between 1 and 10000")]
    [InlineData("maxSettlementPolls", 10001, "must be between 1 and 10000")]
    [InlineData("pollIntervalSeconds", 0, "must be at least 1")]
    [InlineData("unknownWindowSeconds", 0, "must be at least 1")]
    [InlineData("hedgeMaxAttempts", 0, "must be at least 1")]
    [InlineData("exposureExpiryHours", 0, "must be between 1 and")]
    public void A_setting_out_of_its_range_names_the_range(string setting, int value, string message)
    {
        var json = With(root => root["settings"]![setting] = value);

        AssertOnlyError(json, $"settings.{setting}", message);
    }

    [Fact]
    public void A_fractional_setting_is_refused()
    {
        var json = With(root => root["settings"]!["pollIntervalSeconds"] = 1.5);

        AssertOnlyError(json, "settings.pollIntervalSeconds", "must be a whole number at least 1, not 1.5");
    }

    [Fact]
    public void A_start_without_an_offset_is_refused_because_it_would_mean_the_machines_time_zone()
    {
        var json = With(root => root["start"] = "2030-06-01T12:00:00");

        AssertOnlyError(json, "start", "with an offset");
    }

    [Fact]
    public void A_file_without_steps_is_refused()
    {
        var json = With(root => root["steps"] = new JsonArray());

        AssertOnlyError(json, "steps", "at least one step");
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_refused()
    {
        AssertOnlyError("[1, 2]", "$", "must be an object");
    }

    [Fact]
    public void Malformed_json_is_one_error_giving_line_and_position()
    {
        var json = "{\"seed\": 7,\n  \"steps\": [\n    {\"at\": \"0s\",, \"halt\": {}}\n  ]}";

        AssertOnlyError(json, "$", "is not valid JSON at line 3, position 17");
    }

    [Fact]
    public void A_trailing_comma_is_malformed_json()
    {
        AssertOnlyError("{\"seed\": 7,}", "$", "is not valid JSON at line 1");
    }

    private static JsonNode Navigate(JsonNode root, string path)
    {
        var node = root;
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            node = bracket < 0
                ? node[part]!
                : node[part[..bracket]]![int.Parse(part[(bracket + 1)..^1])]!;
        }
        return node;
    }
}
