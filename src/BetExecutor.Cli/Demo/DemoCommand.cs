using System.CommandLine;
using BetExecutor.Cli.Simulate;

namespace BetExecutor.Cli.Demo;

/// <summary>
/// <c>betexec demo</c>: a built-in scenario that walks every path — executed and settled, positive rejected, cooldown,
/// duplicate, each exposure reason, halt and resume — on an embedded node. Needs nothing but the .NET SDK.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print one JSON object per signal instead of a table." };
        var redis = new Option<string?>("--redis") { Description = "Persist to Redis at HOST:PORT instead of memory." };
        var verbose = new Option<bool>("--verbose") { Description = "Log every decision to standard error." };
        var venue = VenueOption.Create();
        var command = new Command("demo", "Run the built-in demo scenario and print what happened to every signal.") { json, redis, venue, verbose };
        command.SetAction(async (parse, _) =>
        {
            var asJson = parse.GetValue(json);
            if (!VenueOption.TryRead(parse.GetValue(venue), out var venueAddress, out var venueError)) return Usage.Fail(venueError!);
            if (!asJson) Console.WriteLine("BetExecutor demo: one embedded node, the venue simulator, virtual time.\n");
            return await SimulateCommand.RunAsync(Scenario(), asJson, parse.GetValue(redis), parse.GetValue(verbose), Console.Out, venueAddress, kind: "demo");
        });
        return command;
    }

    public static string Scenario()
    {
        using var stream = typeof(DemoCommand).Assembly.GetManifestResourceStream("demo-scenario.json")
            ?? throw new InvalidOperationException("the embedded demo scenario is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
