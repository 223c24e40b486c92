using System.Diagnostics;
using BetExecutor.Cli.Simulate;
using BetExecutor.Cli.Tests.Support;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using BetExecutor.Scenarios;
using Serilog;
using Xunit.Abstractions;

namespace BetExecutor.Cli.Tests;

/// <summary>
/// Issue 9 item 1: a restart scenario prints the same lines on every run, on an idle machine and on one whose cores are
/// all busy with other processes. Every run uses its own Redis key prefix on one redis-server, so each starts from
/// empty storage, and reports how pairs finished from what the accounts stored.
/// </summary>
[Collection(RestartDeterminism.Name)]
public sealed class RestartDeterminismTests(ITestOutputHelper output)
{
    /// <summary>Runs per scenario; the second half runs under CPU load.</summary>
    private const int Runs = 30;

    /// <summary>Runs at a time: they share nothing but the redis-server, and together they load the machine further.</summary>
    private const int Parallel = 3;

    [Theory]
    [MemberData(nameof(RedisScenarioFileTests.Scenarios), MemberType = typeof(RedisScenarioFileTests))]
    public async Task Every_run_of_the_restart_scenario_prints_its_expected_lines_idle_and_under_CPU_load(string scenario)
    {
        var path = Path.Combine(RedisScenarioFileTests.Directory, scenario + ".json");
        var expected = (await File.ReadAllTextAsync(Path.Combine(RedisScenarioFileTests.Directory, scenario + ".expected.jsonl"))).ReplaceLineEndings("\n");
        var parsed = ScenarioParser.Parse(await File.ReadAllTextAsync(path), new ScenarioParseOptions(TimeProvider.System, AllowRestart: true));
        var plan = Assert.IsType<ScenarioParseResult.Parsed>(parsed).Scenario;
        await using var redis = await RedisServerProcess.StartNewAsync();

        var idle = await RunManyAsync(plan, redis.ConnectionString, Runs / 2);
        string[] loaded;
        using (var load = CpuLoad.OnEveryCore())
        {
            loaded = await RunManyAsync(plan, redis.ConnectionString, Runs - Runs / 2);
            Assert.True(load.Running, "the CPU load stopped before the runs ended");
            output.WriteLine($"CPU load: pids {string.Join(", ", load.Pids)}");
        }

        var outputs = idle.Concat(loaded).ToArray();
        Assert.Equal(Runs, outputs.Length);
        var differing = outputs.Select((text, run) => (text, run)).Where(o => o.text != expected).ToArray();
        Assert.True(differing.Length == 0,
            $"{differing.Length} of {Runs} runs of {scenario} differ from {scenario}.expected.jsonl; first (run {differing.FirstOrDefault().run + 1}):\n{differing.FirstOrDefault().text}\n--- expected ---\n{expected}");
    }

    private async Task<string[]> RunManyAsync(Scenario plan, string redis, int runs)
    {
        var results = new string[runs];
        using var gate = new SemaphoreSlim(Parallel);
        await Task.WhenAll(Enumerable.Range(0, runs).Select(async run =>
        {
            await gate.WaitAsync();
            try
            {
                var watch = Stopwatch.StartNew();
                var lines = await ScenarioRunner.RunAsync(plan, Serilog.Core.Logger.None, redis);
                using var text = new StringWriter { NewLine = "\n" };
                ResultWriter.WriteJsonLines(lines, text);
                results[run] = text.ToString();
                output.WriteLine($"run {run + 1}: {watch.Elapsed.TotalSeconds:0.0} s");
            }
            finally
            {
                gate.Release();
            }
        }));
        return results;
    }
}

[CollectionDefinition(Name)]
public sealed class RestartDeterminism
{
    public const string Name = "Restart determinism";
}
