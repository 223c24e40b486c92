using System.Diagnostics;
using System.Globalization;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>redis-benchmark against the bench's own redis-server: what one round trip and a saturated server cost here.</summary>
internal static class RedisBaseline
{
    public sealed record Figure(string Test, double RequestsPerSecond, double P50Ms, double P99Ms);

    /// <summary>SET with <paramref name="clients"/> connections, <paramref name="pipeline"/> commands in flight on each.</summary>
    public static async Task<Figure> SetAsync(int port, int clients, int pipeline, int requests)
    {
        var start = new ProcessStartInfo("redis-benchmark") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", "127.0.0.1", "-p", Text(port), "-c", Text(clients), "-P", Text(pipeline), "-t", "set", "-n", Text(requests), "--csv" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-benchmark");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        // "test","rps","avg_latency_ms","min_latency_ms","p50_latency_ms","p95_latency_ms","p99_latency_ms","max_latency_ms"
        var line = output.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith("\"SET\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"redis-benchmark printed no SET figure: {output}");
        var cells = line.Split(',').Select(c => c.Trim('"')).ToArray();
        return new Figure("SET", Number(cells[1]), Number(cells[4]), Number(cells[6]));
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
