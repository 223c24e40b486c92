using System.Text.Json;
using BetExecutor.Cli.Demo;
using BetExecutor.Cli.Simulate;
using BetExecutor.Cli.Tests.Support;

namespace BetExecutor.Cli.Tests;

/// <summary><c>betexec demo</c>: the built-in scenario walks every decision and every exposure reason.</summary>
public sealed class DemoTests
{
    private static readonly string[] ExposureReasons =
        ["void-one-side", "partial-settlement", "both-lost", "both-won", "poll-limit", "unresolved-unknown", "unhedged", "hedge-short"];

    /// <summary>(at, signalId, identity) of every signal step of the demo scenario, in file order.</summary>
    private static IReadOnlyList<(string At, string SignalId, string Identity)> DemoSignals()
    {
        using var document = JsonDocument.Parse(DemoCommand.Scenario());
        return document.RootElement.GetProperty("steps").EnumerateArray()
            .Where(step => step.TryGetProperty("signal", out _))
            .Select(step =>
            {
                var signal = step.GetProperty("signal");
                var identity = signal.GetProperty("identity");
                return (step.GetProperty("at").GetString()!, signal.GetProperty("signalId").GetString()!,
                    $"{identity.GetProperty("provider").GetString()}/{identity.GetProperty("whitelabel").GetString()}/{identity.GetProperty("account").GetString()}");
            })
            .ToArray();
    }

    [Fact]
    public async Task Demo_json_exits_0_with_one_json_line_per_signal_covering_every_decision_and_exposure_reason()
    {
        var signals = DemoSignals();

        var result = await Betexec.RunAsync("demo", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        // Every line of standard output must be a JSON object: --json output is for machines.
        var lines = ResultLines.Parse(result.Stdout, "betexec demo --json standard output");
        Assert.Equal(signals.Count, lines.Count);
        for (var i = 0; i < signals.Count; i++)
        {
            Assert.Equal(signals[i].SignalId, lines[i].GetProperty("signalId").GetString());
            Assert.Equal(signals[i].Identity, lines[i].GetProperty("identity").GetString());
            Assert.Equal(signals[i].At, lines[i].GetProperty("at").GetString());
        }
        var decisions = lines.Select(l => l.GetProperty("decision").GetString()).ToHashSet();
        Assert.Superset(decisions, new HashSet<string?> { "executed", "rejected", "duplicate" }.ToHashSet());
        var reasons = lines.Select(l => l.GetProperty("exposureReason"))
            .Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()).ToHashSet();
        var missing = ExposureReasons.Where(r => !reasons.Contains(r)).ToArray();
        Assert.True(missing.Length == 0, $"the demo shows no {string.Join(", ", missing)} exposure\n{result.Stdout}");
    }

    [Fact]
    public async Task The_table_output_has_a_header_and_one_row_per_signal_in_order()
    {
        var signals = DemoSignals();
        using var output = new StringWriter();

        var exitCode = await SimulateCommand.RunAsync(DemoCommand.Scenario(), json: false, redis: null, verbose: false, output);

        Assert.Equal(0, exitCode);
        var text = output.ToString();
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).TakeWhile(l => l.Length > 0).ToArray();
        Assert.Equal(signals.Count + 2, lines.Length);
        Assert.Equal(["AT", "SIGNAL", "IDENTITY", "ANSWER", "WHY", "OUTCOME", "EXPOSURE", "HELD", "P/H", "SENT", "P/H", "COOLDOWN", "UNTIL"],
            lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        // The legend says whose word each column is; operator steps are listed apart, never as signal rows.
        Assert.Contains("ANSWER: the executor's answer to the signal", text);
        Assert.Contains("OUTCOME: how its pair ended at the venue", text);
        Assert.Contains("Operator steps:", text);
        Assert.Matches(@"\n  \S+  halt bookie/brand1/mona", text);
        Assert.Matches("^-+( +-+){9}$", lines[1]);
        for (var i = 0; i < signals.Count; i++)
        {
            var cells = lines[i + 2].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal([signals[i].At, signals[i].SignalId, signals[i].Identity], cells[..3]);
            Assert.Contains(cells[3], new[] { "executed", "rejected", "duplicate" });
        }
    }
}
