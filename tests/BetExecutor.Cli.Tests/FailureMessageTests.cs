using BetExecutor.Cli.Tests.Support;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;

namespace BetExecutor.Cli.Tests;

/// <summary>
/// Issue 9 item 3: a failure a user can cause is one line naming the problem and what to do, with exit code 1 (the
/// run failed) or 2 (bad usage); never a stack trace. Each case runs betexec as a real process.
/// </summary>
public sealed class FailureMessageTests
{
    private static void AssertOneErrorLineWithoutStackTrace(ProcessResult result, string mentions)
    {
        var errors = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("error:", StringComparison.Ordinal)).ToArray();
        Assert.True(errors.Length == 1, result.ToString());
        Assert.Contains(mentions, errors[0]);
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception:", result.Stderr);
        Assert.DoesNotContain("Unhandled", result.Stderr);
    }

    [Fact]
    public async Task Demo_against_a_Redis_that_is_down_says_so_in_one_line_and_exits_1()
    {
        var port = RedisServerProcess.FreeLoopbackPort();

        var result = await Betexec.RunAsync("demo", "--redis", $"127.0.0.1:{port}");

        Assert.Equal(1, result.ExitCode);
        AssertOneErrorLineWithoutStackTrace(result, $"Redis at 127.0.0.1:{port} cannot be reached");
        Assert.Contains("redis-server", result.Stderr);
    }

    [Fact]
    public async Task Demo_against_a_venue_simulator_that_is_down_says_so_in_one_line_and_exits_1()
    {
        var port = RedisServerProcess.FreeLoopbackPort();

        var result = await Betexec.RunAsync("demo", "--venue", $"http://127.0.0.1:{port}");

        Assert.Equal(1, result.ExitCode);
        AssertOneErrorLineWithoutStackTrace(result, $"venue simulator at http://127.0.0.1:{port}/");
        Assert.Contains("could not be reached", result.Stderr);
    }

    [Fact]
    public async Task Simulate_with_a_venue_that_is_not_loopback_is_bad_usage_exit_2()
    {
        using var scenario = new TempScenario(SampleScenario.Json);

        var result = await Betexec.RunAsync("simulate", "--scenario", scenario.Path, "--venue", "http://192.0.2.1:5080");

        Assert.Equal(2, result.ExitCode);
        AssertOneErrorLineWithoutStackTrace(result, "--venue:");
    }
}
