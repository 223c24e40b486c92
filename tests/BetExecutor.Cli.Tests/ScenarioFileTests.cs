using System.Text.Json;
using BetExecutor.Cli.Simulate;
using BetExecutor.Cli.Tests.Support;

namespace BetExecutor.Cli.Tests;

/// <summary>
/// Every <c>tests/scenarios/NAME.json</c> runs through <see cref="SimulateCommand.RunAsync"/> and must print exactly the
/// lines of <c>NAME.expected.jsonl</c>. The expectations are written from docs/architecture.md §3–4, not copied from the runner.
/// </summary>
/// <remarks>
/// Each run starts an embedded node and spends most of its time waiting for it (cluster join, shutdown), so the
/// files are split over two collections that run side by side; within a collection the runs take turns, which keeps
/// at most two scenario nodes up at once.
/// </remarks>
[Collection(ScenarioRuns.First)]
public sealed class ScenarioFileTests
{
    public static IEnumerable<object[]> Scenarios() => ScenarioFiles.TheoryData(part: 0, of: 2);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public Task Running_the_scenario_prints_exactly_its_expected_result_lines(string scenario) => ScenarioCheck.RunAsync(scenario);

    [Fact]
    public void There_are_at_least_twenty_scenario_files_and_each_has_an_expected_results_file()
    {
        var names = ScenarioFiles.Names();

        Assert.True(names.Count >= 20, $"only {names.Count} scenario files in {ScenarioFiles.Directory}");
        Assert.All(names, name => Assert.True(File.Exists(ScenarioFiles.ExpectedPath(name)), $"{name}.json has no {name}{ScenarioFiles.ExpectedSuffix}"));
        var orphans = Directory.GetFiles(ScenarioFiles.Directory, "*" + ScenarioFiles.ExpectedSuffix)
            .Select(path => Path.GetFileName(path)[..^ScenarioFiles.ExpectedSuffix.Length])
            .Where(name => !names.Contains(name));
        Assert.Empty(orphans);
    }

    private static readonly string[] Fields =
        ["signalId", "identity", "at", "decision", "reason", "detail", "pairState", "exposureReason", "placements", "attempts", "cooldownUntil", "dryRun"];

    private static readonly string[] DenialCodes =
        ["cooldown", "pair-executing", "exposure-open", "halted", "invalid-signal", "signal-expired", "event-started", "storage-unavailable"];

    /// <summary>The domain's own codes: the one spelling the journal, logs, the CLI and these files share.</summary>
    private static readonly string[] ExposureReasons =
        [.. Enum.GetValues<BetExecutor.Domain.Exposures.ExposureReason>().Select(BetExecutor.Domain.Exposures.ExposureReasonCodes.Code)];

    public static IEnumerable<object[]> ExpectedFiles() => ScenarioFiles.TheoryData();

    /// <summary>Guards the expectations themselves against typos: a misspelt code would otherwise just fail as a "disagreement".</summary>
    [Theory]
    [MemberData(nameof(ExpectedFiles))]
    public void Every_expected_line_uses_only_the_documented_vocabulary(string scenario)
    {
        var lines = ResultLines.Parse(File.ReadAllText(ScenarioFiles.ExpectedPath(scenario)), scenario);

        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            var label = $"{scenario}: {line.GetRawText()}";
            Assert.True(Fields.All(f => line.TryGetProperty(f, out _)), $"{label} lacks one of {string.Join(", ", Fields)}");
            var decision = line.GetProperty("decision").GetString();
            var reason = Text(line, "reason");
            var pairState = Text(line, "pairState");
            var exposure = Text(line, "exposureReason");
            switch (decision)
            {
                case "executed":
                    Assert.True(reason is null, $"{label}: an executed signal has no denial reason");
                    Assert.Contains(pairState, new[] { "settled", "exposure", "rejected" });
                    break;
                case "rejected":
                    Assert.Contains(reason, DenialCodes);
                    Assert.Equal("rejected", pairState);
                    AssertNothingSent(line, label);
                    break;
                case "duplicate":
                    Assert.True(reason is null && pairState is null, $"{label}: a duplicate has no reason and no pair state");
                    AssertNothingSent(line, label);
                    break;
                default:
                    Assert.Fail($"{label}: decision '{decision}' is not executed, rejected or duplicate");
                    break;
            }
            if (pairState == "exposure") Assert.Contains(exposure, ExposureReasons);
            else Assert.True(exposure is null, $"{label}: only an exposure has an exposure reason");
            foreach (var leg in new[] { "positive", "hedge" })
                Assert.True(Count(line, "placements", leg) <= 1 && Count(line, "placements", leg) <= Count(line, "attempts", leg),
                    $"{label}: the venue can hold at most one bet per leg, and never more than it was sent");
        }
    }

    private static void AssertNothingSent(JsonElement line, string label) =>
        Assert.True(new[] { "placements", "attempts" }.All(what => Count(line, what, "positive") == 0 && Count(line, what, "hedge") == 0),
            $"{label}: a refused or duplicate signal sends nothing");

    private static string? Text(JsonElement line, string field) =>
        line.GetProperty(field).ValueKind == JsonValueKind.Null ? null : line.GetProperty(field).GetString();

    private static int Count(JsonElement line, string what, string leg) => line.GetProperty(what).GetProperty(leg).GetInt32();
}

/// <summary>The other half of the scenario files (see <see cref="ScenarioFileTests"/>).</summary>
[Collection(ScenarioRuns.Second)]
public sealed class MoreScenarioFileTests
{
    public static IEnumerable<object[]> Scenarios() => ScenarioFiles.TheoryData(part: 1, of: 2);

    [Theory]
    [MemberData(nameof(Scenarios))]
    public Task Running_the_scenario_prints_exactly_its_expected_result_lines(string scenario) => ScenarioCheck.RunAsync(scenario);
}

internal static class ScenarioCheck
{
    public static Task RunAsync(string scenario) =>
        RunAsync(ScenarioFiles.ScenarioPath(scenario), ScenarioFiles.ExpectedPath(scenario), redis: null);

    public static async Task RunAsync(string scenarioPath, string expectedPath, string? redis)
    {
        var scenario = Path.GetFileName(scenarioPath);
        var json = await File.ReadAllTextAsync(scenarioPath);
        var expected = ResultLines.Parse(await File.ReadAllTextAsync(expectedPath), Path.GetFileName(expectedPath));
        using var output = new StringWriter();

        var exitCode = await SimulateCommand.RunAsync(json, json: true, redis: redis, verbose: false, output);

        Assert.Equal(0, exitCode);
        var actual = ResultLines.Parse(output.ToString(), "betexec output");
        var differences = ResultLines.Differences(expected, actual);
        Assert.True(differences.Count == 0,
            $"{scenario}: the runner disagrees with the expected results\n  {string.Join("\n  ", differences)}\n--- actual output ---\n{output}");
    }
}

[CollectionDefinition(First)]
public sealed class ScenarioRuns
{
    public const string First = "Scenario runs, first half";
    public const string Second = "Scenario runs, second half";
}

[CollectionDefinition(ScenarioRuns.Second)]
public sealed class MoreScenarioRuns;
