using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BetExecutor.Cli.Simulate;

/// <summary>Prints results as JSON lines (one object per signal) or as a readable table.</summary>
public static class ResultWriter
{
    private static readonly JsonSerializerOptions JsonLines = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // The lines go to terminals and log pipelines, never into HTML: "+00:00" stays "+00:00", not "\u002B00:00".
        // Quotes, backslashes and control characters are still escaped, so every line stays valid JSON.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteJsonLines(IEnumerable<SignalResult> results, TextWriter output)
    {
        foreach (var result in results) output.WriteLine(JsonSerializer.Serialize(result, JsonLines));
    }

    /// <summary>Column names that say whose word each is: the executor's answer, the venue's outcome and book.</summary>
    public static readonly string[] Header =
        ["AT", "SIGNAL", "IDENTITY", "ANSWER", "WHY", "OUTCOME", "EXPOSURE", "HELD P/H", "SENT P/H", "COOLDOWN UNTIL"];

    public const string Legend =
        "ANSWER: the executor's answer to the signal. OUTCOME: how its pair ended at the venue (- when no pair ran).\n" +
        "HELD P/H: bets the venue holds, positive/hedge. SENT P/H: placement requests it received. From the venue's own book.";

    /// <param name="operatorSteps">Halts, resumes, resolutions and restarts: listed under the table, never as signal rows.</param>
    public static void WriteTable(IReadOnlyList<SignalResult> results, TextWriter output, IReadOnlyList<string>? operatorSteps = null)
    {
        var rows = results.Select(r => new[]
        {
            r.At, r.SignalId, r.Identity, r.Decision, r.Reason ?? "-",
            r.Decision == "executed" ? r.PairState ?? "-" : "-",
            r.ExposureReason ?? "-",
            $"{r.Placements.Positive}/{r.Placements.Hedge}", $"{r.Attempts.Positive}/{r.Attempts.Hedge}",
            r.CooldownUntil?.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) ?? "-",
        }).ToList();
        var widths = Header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        output.WriteLine(Line(Header, widths));
        output.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in rows) output.WriteLine(Line(row, widths));
        output.WriteLine();
        output.WriteLine(Legend);
        if (operatorSteps is { Count: > 0 })
        {
            output.WriteLine();
            output.WriteLine("Operator steps:");
            foreach (var step in operatorSteps) output.WriteLine("  " + step);
        }
    }

    private static string Line(IReadOnlyList<string> cells, IReadOnlyList<int> widths) =>
        string.Join("  ", cells.Select((c, i) => c.PadRight(widths[i]))).TrimEnd();
}
