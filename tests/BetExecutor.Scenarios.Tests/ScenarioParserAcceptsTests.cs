using System.Text.Json.Nodes;
using BetExecutor.Venues.Scripts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;
using static BetExecutor.Scenarios.Tests.SampleScenario;

namespace BetExecutor.Scenarios.Tests;

public class ScenarioParserAcceptsTests
{
    [Fact]
    public void The_sample_scenario_parses_to_the_expected_model()
    {
        var scenario = ParseValid(Json);

        Assert.Equal(7, scenario.Seed);
        Assert.Equal(new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero), scenario.Start);
        Assert.Equal(ScenarioSettings.Default, scenario.Settings);
        var positiveIdentity = Identity.Create("p1", "w1", "a1");
        var expectedSignal = new Signal(
            "s-1",
            positiveIdentity,
            new SportEvent("e-1", new DateTimeOffset(2030, 6, 1, 18, 0, 0, TimeSpan.Zero)),
            new PositiveLegSpec("match-odds", "home", 2.10m, 50.00m, "EUR"),
            new HedgeLegSpec(Identity.Create("x1", "x1", "h1"), "match-odds", "not-home", 2.05m, 1.95m));
        Assert.Equal<ScenarioStep>(
            [
                new SignalStep(TimeSpan.Zero, expectedSignal,
                    new LegScript(PlaceScript.Accept, SettlementState.Won, TimeSpan.Zero),
                    new LegScript(PlaceScript.Accept, SettlementState.Lost, TimeSpan.Zero)),
                new HaltStep(TimeSpan.FromMinutes(5), positiveIdentity),
            ],
            scenario.Steps);
    }

    [Fact]
    public void A_file_without_seed_start_or_settings_starts_at_the_given_clock_with_seed_zero_and_default_settings()
    {
        var json = With(root =>
        {
            var o = root.AsObject();
            o.Remove("seed");
            o.Remove("start");
            o.Remove("settings");
        });

        var scenario = ParseValid(json);

        Assert.Equal(0, scenario.Seed);
        Assert.Equal(ClockNow, scenario.Start);
        Assert.Equal(ScenarioSettings.Default, scenario.Settings);
    }

    [Fact]
    public void Defaults_of_the_settings_are_the_production_defaults()
    {
        var defaults = ScenarioSettings.Default;

        Assert.Equal(TimeSpan.FromSeconds(60), defaults.Cooldown);
        Assert.Equal(120, defaults.MaxSettlementPolls);
        Assert.Equal(TimeSpan.FromSeconds(30), defaults.PollInterval);
        Assert.Equal(TimeSpan.FromSeconds(30), defaults.UnknownWindow);
        Assert.Equal(3, defaults.HedgeMaxAttempts);
        Assert.Equal(TimeSpan.FromHours(24), defaults.ExposureExpiry);
        Assert.True(defaults.ExposureBlocksIdentity);
    }

    [Fact]
    public void Every_setting_the_file_gives_replaces_its_default()
    {
        var json = With(root => root["settings"] = JsonNode.Parse("""
            {"cooldownSeconds": 0, "maxSettlementPolls": 10000, "pollIntervalSeconds": 1, "unknownWindowSeconds": 45,
             "hedgeMaxAttempts": 5, "exposureExpiryHours": 2, "exposureBlocksIdentity": false}
            """));

        var settings = ParseValid(json).Settings;

        Assert.Equal(
            new ScenarioSettings
            {
                Cooldown = TimeSpan.Zero,
                MaxSettlementPolls = 10_000,
                PollInterval = TimeSpan.FromSeconds(1),
                UnknownWindow = TimeSpan.FromSeconds(45),
                HedgeMaxAttempts = 5,
                ExposureExpiry = TimeSpan.FromHours(2),
                ExposureBlocksIdentity = false,
            },
            settings);
    }

    [Fact]
    public void A_signal_without_venue_is_accepted_on_both_legs_and_settles_as_expected()
    {
        var json = With(root => root.Step(0).AsObject().Remove("venue"));

        var step = Assert.IsType<SignalStep>(ParseValid(json).Steps[0]);

        Assert.Equal(new LegScript(PlaceScript.Accept, SettlementState.Won, TimeSpan.Zero), step.Positive);
        Assert.Equal(new LegScript(PlaceScript.Accept, SettlementState.Lost, TimeSpan.Zero), step.Hedge);
        Assert.Equal(SignalStep.DefaultPositive, step.Positive);
        Assert.Equal(SignalStep.DefaultHedge, step.Hedge);
    }

    [Fact]
    public void A_venue_scripts_each_leg_with_place_settle_and_visible_after()
    {
        var json = With(root => root.Step(0)["venue"] = JsonNode.Parse("""
            {"positive": {"place": "timeout-placed", "settle": "half-won", "visibleAfter": "90s"},
             "hedge": {"place": "accept-at:1.98", "settle": "void"}}
            """));

        var step = Assert.IsType<SignalStep>(ParseValid(json).Steps[0]);

        Assert.Equal(new LegScript(new PlaceScript(PlaceBehaviour.TimeoutPlaced), SettlementState.HalfWon, TimeSpan.FromSeconds(90)), step.Positive);
        Assert.Equal(new LegScript(new PlaceScript(PlaceBehaviour.AcceptAt, Odds: 1.98m), SettlementState.Void, TimeSpan.Zero), step.Hedge);
    }

    [Fact]
    public void A_venue_that_scripts_one_leg_leaves_the_other_at_its_default()
    {
        var json = With(root => root.Step(0)["venue"] = JsonNode.Parse("""{"hedge": {"place": "reject:MARKET_CLOSED", "settle": "pending"}}"""));

        var step = Assert.IsType<SignalStep>(ParseValid(json).Steps[0]);

        Assert.Equal(SignalStep.DefaultPositive, step.Positive);
        Assert.Equal(new PlaceScript(PlaceBehaviour.Reject, Code: "MARKET_CLOSED"), step.Hedge.Place);
        Assert.Equal(SettlementState.Pending, step.Hedge.Settle);
    }

    [Fact]
    public void Expires_at_and_in_play_are_carried_into_the_signal()
    {
        var json = With(root =>
        {
            root.Signal()["expiresAt"] = "2030-06-01T14:00:05+02:00";
            root.Signal()["inPlay"] = true;
        });

        var signal = Assert.IsType<SignalStep>(ParseValid(json).Steps[0]).Signal;

        Assert.Equal(new DateTimeOffset(2030, 6, 1, 12, 0, 5, TimeSpan.Zero), signal.ExpiresAt);
        Assert.True(signal.InPlay);
    }

    [Fact]
    public void Resume_resolve_exposure_of_an_earlier_signal_and_a_duplicate_signal_are_all_valid_steps()
    {
        var json = With(root =>
        {
            var steps = root.Steps();
            steps.Add(JsonNode.Parse("""{"at": "5m", "resume": {"provider": "p1", "whitelabel": "w1", "account": "a1"}}"""));
            steps.Add(JsonNode.Parse("""{"at": "1h", "resolveExposure": {"signalId": "s-1", "reason": "checked by hand"}}"""));
            steps.Add(steps[0]!.DeepClone());
            steps[^1]!["at"] = "1d";
        });

        var steps = ParseValid(json).Steps;

        Assert.Equal(new ResumeStep(TimeSpan.FromMinutes(5), Identity.Create("p1", "w1", "a1")), steps[2]);
        Assert.Equal(new ResolveExposureStep(TimeSpan.FromHours(1), "s-1", "checked by hand"), steps[3]);
        Assert.Equal("s-1", Assert.IsType<SignalStep>(steps[4]).Signal.SignalId);
        Assert.Equal(TimeSpan.FromDays(1), steps[4].At);
    }

    [Fact]
    public void A_restart_step_is_allowed_when_the_run_has_redis()
    {
        var json = With(root => root.Steps().Add(JsonNode.Parse("""{"at": "10m", "restart": true}""")));

        var scenario = ParseValid(json, Options(allowRestart: true));

        Assert.Equal(new RestartStep(TimeSpan.FromMinutes(10)), scenario.Steps[^1]);
    }

    [Fact]
    public void A_file_saved_with_a_byte_order_mark_parses()
    {
        Assert.Equal(7, ParseValid("\uFEFF" + Json).Seed);
    }

    [Fact]
    public void Steps_at_the_same_time_keep_their_file_order()
    {
        var json = With(root => root.Step(1)["at"] = "0ms");

        var steps = ParseValid(json).Steps;

        Assert.IsType<SignalStep>(steps[0]);
        Assert.IsType<HaltStep>(steps[1]);
        Assert.All(steps, s => Assert.Equal(TimeSpan.Zero, s.At));
    }
}
