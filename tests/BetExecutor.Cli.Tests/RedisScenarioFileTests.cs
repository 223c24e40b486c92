using BetExecutor.Persistence.Redis.Tests.Infrastructure;

namespace BetExecutor.Cli.Tests;

/// <summary>
/// <c>tests/scenarios-redis/NAME.json</c> run with <c>--redis</c> on a real redis-server, so their <c>restart</c> steps
/// stop the node's ActorSystem and start a fresh one on the same journal (issue 4): what must survive, survives.
/// </summary>
[Collection(ScenarioRuns.Second)]
public sealed class RedisScenarioFileTests
{
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "scenarios-redis");

    public static IEnumerable<object[]> Scenarios() =>
        System.IO.Directory.GetFiles(Directory, "*.json").Order().Select(path => new object[] { Path.GetFileNameWithoutExtension(path) });

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task Running_the_scenario_on_Redis_prints_exactly_its_expected_result_lines(string scenario)
    {
        await using var redis = await RedisServerProcess.StartNewAsync();

        await ScenarioCheck.RunAsync(Path.Combine(Directory, scenario + ".json"), Path.Combine(Directory, scenario + ".expected.jsonl"), redis.ConnectionString);
    }
}
