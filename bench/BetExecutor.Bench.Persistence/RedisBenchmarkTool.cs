using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace BetExecutor.Bench.Persistence;

/// <summary>Runs redis-benchmark against the same server for a raw-Redis baseline.</summary>
internal static partial class RedisBenchmarkTool
{
    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(string host, int port, int requests)
    {
        var start = new ProcessStartInfo("redis-benchmark") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "-q", "-t", "set,lpush", "-n", requests.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-benchmark");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        // -q prints one line per test, e.g. "SET: 98039.22 requests per second, p50=0.279 msec",
        // redrawn with carriage returns while it runs: keep the last rendering of each.
        var results = new Dictionary<string, double>();
        foreach (Match m in ResultLine().Matches(output))
            results[m.Groups["name"].Value] = double.Parse(m.Groups["rps"].Value, CultureInfo.InvariantCulture);
        return results;
    }

    [GeneratedRegex(@"(?<name>[A-Z]+): (?<rps>[0-9.]+) requests per second")]
    private static partial Regex ResultLine();
}
