using BetExecutor.Cli.Simulate;
using BetExecutor.Cli.Tests.Support;

namespace BetExecutor.Cli.Tests;

/// <summary>
/// Bad input, through the real <c>betexec</c> process: exit code 2, a message on standard error naming the field, and
/// nothing on standard output (no node started, nothing placed).
/// </summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("a missing field", ", \"currency\": \"EUR\"", "", "steps[0].signal.positive.currency")]
    [InlineData("a negative stake", "\"stake\": 50.00", "\"stake\": -5.00", "steps[0].signal.positive.stake")]
    [InlineData("odds of exactly 1", "\"odds\": 2.10", "\"odds\": 1.00", "steps[0].signal.positive.odds")]
    [InlineData("a hedge by the positive identity on the same selection",
        "{\"identity\": {\"provider\": \"exchange\", \"whitelabel\": \"main\", \"account\": \"hedger\"},\n              \"market\": \"match-odds\", \"selection\": \"not-home\"",
        "{\"identity\": {\"provider\": \"bookie\", \"whitelabel\": \"brand1\", \"account\": \"alice\"},\n              \"market\": \"match-odds\", \"selection\": \"home\"",
        "steps[0].signal.hedge.identity")]
    [InlineData("an unknown field", "\"stake\": 50.00", "\"stake\": 50.00, \"stkae\": 50.00", "steps[0].signal.positive.stkae")]
    public async Task A_scenario_with_a_bad_field_exits_with_2_naming_the_field_and_prints_nothing(string what, string find, string replace, string field)
    {
        using var file = new TempScenario(SampleScenario.With(find, replace));

        var result = await Betexec.RunAsync("simulate", "--scenario", file.Path, "--json");

        AssertBadInput(result, $"{field}:", what);
    }

    [Fact]
    public async Task A_step_of_an_unknown_kind_exits_with_2_naming_the_step()
    {
        using var file = new TempScenario(SampleScenario.WithStep("""{"at": "1s", "pause": true}"""));

        var result = await Betexec.RunAsync("simulate", "--scenario", file.Path);

        AssertBadInput(result, "steps[1].pause:", "an unknown step kind");
        Assert.Contains("steps[1]: has no step kind", result.Stderr);
    }

    [Fact]
    public async Task A_restart_step_without_redis_exits_with_2_naming_the_step()
    {
        using var file = new TempScenario(SampleScenario.WithStep("""{"at": "1s", "restart": true}"""));

        var result = await Betexec.RunAsync("simulate", "--scenario", file.Path, "--json");

        AssertBadInput(result, "steps[1].restart:", "a restart without --redis");
        Assert.Contains("--redis", result.Stderr);
    }

    [Fact]
    public async Task Malformed_json_exits_with_2_saying_where_it_is_broken()
    {
        using var file = new TempScenario(SampleScenario.With("\n ]}", "\n ],}"));

        var result = await Betexec.RunAsync("simulate", "--scenario", file.Path, "--json");

        AssertBadInput(result, "is not valid JSON at line 10", "malformed JSON");
    }

    [Fact]
    public async Task A_scenario_file_that_does_not_exist_exits_with_2_naming_the_option()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"betexec-cli-test-missing-{Guid.NewGuid():N}.json");

        var result = await Betexec.RunAsync("simulate", "--scenario", missing, "--json");

        AssertBadInput(result, "--scenario:", "a missing file");
        Assert.Contains("does not exist", result.Stderr);
    }

    [Fact]
    public async Task Simulate_without_the_scenario_option_exits_with_2_naming_the_option()
    {
        var result = await Betexec.RunAsync("simulate", "--json");

        AssertBadInput(result, "--scenario", "no --scenario option");
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"steps": []}""")]
    public async Task In_process_a_bad_scenario_returns_2_and_writes_nothing_to_the_output(string scenario)
    {
        using var output = new StringWriter();

        var exitCode = await SimulateCommand.RunAsync(scenario, json: true, redis: null, verbose: false, output);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task In_process_a_restart_step_is_refused_without_redis()
    {
        using var output = new StringWriter();

        var exitCode = await SimulateCommand.RunAsync(SampleScenario.WithStep("""{"at": "1s", "restart": true}"""),
            json: true, redis: null, verbose: false, output);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output.ToString());
    }

    private static void AssertBadInput(ProcessResult result, string named, string what)
    {
        Assert.True(result.ExitCode == 2, $"{what}: expected exit code 2\n{result}");
        Assert.True(result.Stderr.Contains(named, StringComparison.Ordinal), $"{what}: standard error should name '{named}'\n{result}");
        Assert.True(result.Stdout.Length == 0, $"{what}: standard output should be empty\n{result}");
    }
}
