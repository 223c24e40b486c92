using System.CommandLine;
using BetExecutor.Venues.Http;
using BetExecutor.Node.Hosting;
using BetExecutor.Scenarios;
using BetExecutor.Simulation;

namespace BetExecutor.Cli.Simulate;

/// <summary><c>betexec simulate --scenario FILE [--json] [--redis HOST:PORT]</c></summary>
public static class SimulateCommand
{
    public static Command Create()
    {
        var scenario = new Option<FileInfo>("--scenario") { Description = "The scenario file (JSON) to run.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per signal instead of a table." };
        var redis = new Option<string?>("--redis") { Description = "Persist to Redis at HOST:PORT (needed for restart steps)." };
        var verbose = new Option<bool>("--verbose") { Description = "Log every decision to standard error." };
        var venue = VenueOption.Create();
        var command = new Command("simulate", "Run a scenario on an embedded node with a virtual clock and the venue simulator.")
        {
            scenario, json, redis, venue, verbose,
        };
        command.SetAction(async (parse, _) =>
        {
            var file = parse.GetValue(scenario)!;
            if (!file.Exists) return Usage.Fail($"--scenario: {file.FullName} does not exist");
            if (!VenueOption.TryRead(parse.GetValue(venue), out var venueAddress, out var venueError)) return Usage.Fail(venueError!);
            var text = await File.ReadAllTextAsync(file.FullName);
            return await RunAsync(text, parse.GetValue(json), parse.GetValue(redis), parse.GetValue(verbose), Console.Out, venueAddress);
        });
        return command;
    }

    /// <summary>
    /// Standard output carries results only. The embedded node runs in this process, and Akka prints a few lines to
    /// standard output while its logger is down (at shutdown); while the node runs they go to standard error with
    /// --verbose, and nowhere otherwise. Serilog writes to standard error directly and is not affected.
    /// </summary>
    private static async Task<T> WithStdoutDivertedAsync<T>(bool verbose, Func<Task<T>> run)
    {
        var stdout = Console.Out;
        Console.SetOut(verbose ? Console.Error : TextWriter.Null);
        try
        {
            return await run();
        }
        finally
        {
            Console.SetOut(stdout);
        }
    }

    private static IReadOnlyList<string> OperatorSteps(Scenario scenario) =>
        scenario.Steps.Select(step => step switch
        {
            HaltStep halt => $"{DurationText.Format(halt.At)}  halt {halt.Identity.Key}",
            ResumeStep resume => $"{DurationText.Format(resume.At)}  resume {resume.Identity.Key}",
            ResolveExposureStep resolve => $"{DurationText.Format(resolve.At)}  resolve the exposure of {resolve.SignalId}: {resolve.Reason}",
            RestartStep restart => $"{DurationText.Format(restart.At)}  restart the node",
            _ => null,
        }).OfType<string>().ToArray();

    /// <param name="kind">Names the run in its Redis key prefix: <c>demo</c> or <c>simulate</c>.</param>
    public static async Task<int> RunAsync(string scenarioJson, bool json, string? redis, bool verbose, TextWriter output, Uri? venue = null, string kind = "simulate")
    {
        var options = new ScenarioParseOptions(TimeProvider.System, AllowRestart: redis is not null);
        switch (ScenarioParser.Parse(scenarioJson, options))
        {
            case ScenarioParseResult.Invalid invalid:
                foreach (var error in invalid.Errors) Console.Error.WriteLine($"error: {error}");
                return Usage.BadInput;
            case ScenarioParseResult.Parsed parsed:
                var logger = CliLogging.Create(verbose);
                string? keyPrefix = null;
                if (redis is not null)
                {
                    switch (await RedisCheck.ReachAsync(redis))
                    {
                        case RedisCheck.Result.Malformed malformed:
                            return Usage.Fail(malformed.Problem);
                        case RedisCheck.Result.Unreachable unreachable:
                            logger.Debug(unreachable.Cause, "Redis check failed");
                            return Usage.RunFailure(unreachable.Problem);
                    }
                    // A run of its own in Redis: never a deployment's keys, never an earlier run's signals.
                    keyPrefix = SimulationKeyPrefix.New(kind, TimeProvider.System);
                    Console.Error.WriteLine($"Redis: this run's keys are under {keyPrefix} (a deployment's are under {NodeOptions.ProductionKeyPrefix}, and are not touched)");
                }
                IReadOnlyList<SignalResult> results;
                try
                {
                    results = await WithStdoutDivertedAsync(verbose, () => ScenarioRunner.RunAsync(parsed.Scenario, logger, redis, venue, keyPrefix));
                }
                catch (VenueControlException e)
                {
                    logger.Debug(e, "The venue simulator's control API failed");
                    return Usage.RunFailure(
                        $"the venue simulator at {venue} failed: {e.Message}. Start it (dotnet run --project src/BetExecutor.Venue.Simulator) or point --venue at one that runs");
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    logger.Debug(e, "The run failed");
                    return Usage.RunFailure($"the run failed ({e.GetType().Name}: {e.Message}); run again with --verbose for details");
                }
                if (json) ResultWriter.WriteJsonLines(results, output);
                else ResultWriter.WriteTable(results, output, OperatorSteps(parsed.Scenario));
                return 0;
            default:
                throw new InvalidOperationException("unreachable");
        }
    }
}
