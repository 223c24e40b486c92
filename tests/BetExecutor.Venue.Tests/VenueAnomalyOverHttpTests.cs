using System.Diagnostics;
using System.Text.Json.Nodes;
using BetExecutor.Domain.Identities;

namespace BetExecutor.Venue.Tests;

/// <summary>
/// Issue 8, item 5, on real processes: <c>betexec simulate</c> runs as its own OS process against the HTTP venue
/// simulator, which is scripted over its control API to lie (<c>accept-more:FACTOR</c>). The venue's book is the
/// ground truth: the positive is held once, no hedge was ever asked for, and the executor reports a
/// <c>venue-anomaly</c> exposure and refuses the identity's next signal as halted.
/// </summary>
public sealed class VenueAnomalyOverHttpTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(3);
    private static readonly Identity Alice = Identity.Create("bookie", "brand1", "alice");

    [Theory]
    [InlineData("100")]
    [InlineData("1e26")] // an accepted stake whose payout overflows decimal: it used to crash-loop the pair
    public async Task A_venue_accepting_more_than_asked_over_http_gets_no_hedge_and_halts_the_identity(string factor)
    {
        await using var venue = await VenueSimulatorServer.StartAsync(new VenueServerOptions { Seed = 11 });
        var scenario = Path.Combine(Path.GetTempPath(), $"venue-anomaly-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(scenario, Scenario(factor));
        try
        {
            var (exit, stdout, stderr) = await RunBetexecAsync("simulate", "--scenario", scenario, "--venue", venue.BaseAddress.ToString(), "--json");

            Assert.True(exit == 0, $"exit {exit}\n{stdout}\n{stderr}");
            var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
            var first = lines.Single(l => (string?)l["signalId"] == "s-1");
            var second = lines.Single(l => (string?)l["signalId"] == "s-2");
            Assert.Equal(("exposure", "venue-anomaly"), ((string?)first["pairState"], (string?)first["exposureReason"]));
            Assert.Equal(("rejected", "halted"), ((string?)second["decision"], (string?)second["reason"]));

            // The run's venue's book: the positive once, at the stake it claimed; no hedge ever sent; nothing for s-2.
            var book = Assert.Single(venue.RunVenues());
            Assert.Empty(venue.Simulator.Book()); // every bet of a run goes to that run's own venue
            var positive = ClientReference.For(Alice, "s-1", LegKind.Positive);
            var held = Assert.Single(book.Held(positive));
            Assert.Equal(50m * decimal.Parse(factor, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture), held.Stake);
            Assert.Single(book.Attempts(positive));
            Assert.Empty(book.Attempts(ClientReference.For(Alice, "s-1", LegKind.Hedge)));
            Assert.Empty(book.Attempts(ClientReference.For(Alice, "s-2", LegKind.Positive)));
            Assert.Single(book.Book());
        }
        finally
        {
            File.Delete(scenario);
        }
    }

    private static string Scenario(string factor) => $$"""
        {
          "start": "2030-06-01T12:00:00Z",
          "steps": [
            {{Step("s-1", "0s", $"accept-more:{factor}")}},
            {{Step("s-2", "2m", "accept")}}
          ]
        }
        """;

    private static string Step(string id, string at, string place) => $$"""
        {
          "at": "{{at}}",
          "signal": {
            "signalId": "{{id}}",
            "identity": { "provider": "bookie", "whitelabel": "brand1", "account": "alice" },
            "event": { "id": "match-42", "startsAt": "2030-06-01T18:00:00Z" },
            "positive": { "market": "match-odds", "selection": "home", "odds": 2.1, "stake": 50.0, "currency": "EUR" },
            "hedge": {
              "identity": { "provider": "exchange", "whitelabel": "main", "account": "hedger" },
              "market": "match-odds", "selection": "not-home", "odds": 2.05, "minOdds": 1.95
            }
          },
          "venue": { "positive": { "place": "{{place}}", "settle": "won" }, "hedge": { "place": "accept", "settle": "lost" } }
        }
        """;

    /// <summary>
    /// Runs the built <c>betexec</c> (beside this assembly: the project references the CLI) as a child process. It
    /// runs with this assembly's dependency manifest and frameworks: here the HTTP client's rate-limiting assembly
    /// comes from the ASP.NET Core framework the simulator brings, not from a copy beside betexec.
    /// </summary>
    private static async Task<(int Exit, string Stdout, string Stderr)> RunBetexecAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "betexec.dll");
        Assert.True(File.Exists(dll), $"betexec.dll is not beside the tests: {dll}");
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        var start = new ProcessStartInfo(!string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        var self = typeof(VenueAnomalyOverHttpTests).Assembly.GetName().Name;
        foreach (var arg in new[] { "exec", "--runtimeconfig", Path.Combine(AppContext.BaseDirectory, $"{self}.runtimeconfig.json"),
                     "--depsfile", Path.Combine(AppContext.BaseDirectory, $"{self}.deps.json"), dll })
            start.ArgumentList.Add(arg);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(Guard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true); // only the process this test started
            throw new TimeoutException($"betexec {string.Join(' ', args)} did not finish within {Guard}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
