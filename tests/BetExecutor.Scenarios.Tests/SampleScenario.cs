using System.Text.Json.Nodes;
using BetExecutor.Domain.Validation;

namespace BetExecutor.Scenarios.Tests;

/// <summary>The scenario of the format's description, and helpers to break it one field at a time.</summary>
internal static class SampleScenario
{
    public const string Json = """
        {"seed": 7, "start": "2030-06-01T12:00:00Z", "settings": {"cooldownSeconds": 60, "maxSettlementPolls": 120, "pollIntervalSeconds": 30},
         "steps": [
           {"at": "0s", "signal": {
              "signalId": "s-1",
              "identity": {"provider": "p1", "whitelabel": "w1", "account": "a1"},
              "event": {"id": "e-1", "startsAt": "2030-06-01T18:00:00Z"},
              "positive": {"market": "match-odds", "selection": "home", "odds": 2.10, "stake": 50.00, "currency": "EUR"},
              "hedge": {"identity": {"provider": "x1", "whitelabel": "x1", "account": "h1"}, "market": "match-odds", "selection": "not-home", "odds": 2.05, "minOdds": 1.95}},
            "venue": {"positive": {"place": "accept", "settle": "won"}, "hedge": {"place": "accept", "settle": "lost"}}},
           {"at": "5m", "halt": {"provider": "p1", "whitelabel": "w1", "account": "a1"}}
         ]}
        """;

    /// <summary>
    /// When the file gives no start; distinct from the sample's start so a test can tell which was used, and a few
    /// hours before its kick-off, as a run of such a file would be (a signal's kick-off must be near its step's time).
    /// </summary>
    public static readonly DateTimeOffset ClockNow = new(2030, 6, 1, 3, 4, 5, TimeSpan.Zero);

    public static ScenarioParseOptions Options(bool allowRestart = false) => new(new FixedClock(ClockNow), allowRestart);

    /// <summary>The sample with one change, e.g. <c>With(s => s["steps"]![0]!["signal"]!["positive"]!["stake"] = -5)</c>.</summary>
    public static string With(Action<JsonNode> change)
    {
        var root = JsonNode.Parse(Json)!;
        change(root);
        return root.ToJsonString();
    }

    public static JsonNode Step(this JsonNode root, int index) => root["steps"]![index]!;

    public static JsonNode Signal(this JsonNode root) => root.Step(0)["signal"]!;

    public static JsonArray Steps(this JsonNode root) => root["steps"]!.AsArray();

    public static Scenario ParseValid(string json, ScenarioParseOptions? options = null)
    {
        var result = ScenarioParser.Parse(json, options ?? Options());
        if (result is ScenarioParseResult.Invalid invalid)
            Assert.Fail("Expected the scenario to parse, got: " + string.Join("; ", invalid.Errors));
        return ((ScenarioParseResult.Parsed)result).Scenario;
    }

    public static IReadOnlyList<FieldError> Errors(string json, ScenarioParseOptions? options = null)
    {
        var result = ScenarioParser.Parse(json, options ?? Options());
        return Assert.IsType<ScenarioParseResult.Invalid>(result).Errors;
    }

    /// <summary>Asserts that the file has exactly one error, on <paramref name="field"/>, whose message contains <paramref name="messagePart"/>.</summary>
    public static void AssertOnlyError(string json, string field, string messagePart, ScenarioParseOptions? options = null)
    {
        var error = Assert.Single(Errors(json, options));
        Assert.Equal(field, error.Field);
        Assert.Contains(messagePart, error.Message);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
