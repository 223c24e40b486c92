using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>The run's figures, each next to the issue's limit, written as bench/RESULTS.md.</summary>
internal sealed class Results
{
    private readonly List<(string Figure, string Measured, string Target, string Verdict)> _rows = [];
    private readonly List<string> _details = [];
    private readonly string _loadAtStart = LoadAverage();
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    /// <param name="met">null: no limit to compare with (a baseline or a detail).</param>
    public void Add(string figure, string measured, string target, bool? met)
    {
        _rows.Add((figure, measured, target, met switch { true => "met", false => "**not met**", null => "" }));
        Console.WriteLine($"  {figure}: {measured}  [target {target}]{(met is null ? "" : met.Value ? " met" : " NOT MET")}");
    }

    public void Detail(string line)
    {
        _details.Add(line);
        Console.WriteLine("  " + line);
    }

    public string Markdown(string command)
    {
        var text = new StringBuilder();
        text.AppendLine("# Benchmark results");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Written by `{command}` (bench/README.md). Every figure below was measured in this one run.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- machine: {Environment.ProcessorCount} cores, {CpuModel()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}, Release, server GC {System.Runtime.GCSettings.IsServerGC}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- date: {_started:yyyy-MM-dd HH:mm} UTC, {(DateTimeOffset.UtcNow - _started).TotalSeconds:F0} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"- commit: {Git("rev-parse --short HEAD")}{(Git("status --porcelain --untracked-files=no").Length > 0 ? " (with uncommitted changes)" : "")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- load average (1, 5, 15 min) at start: {_loadAtStart}; at end: {LoadAverage()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- redis-server {Tool("redis-server", "--version")} on 127.0.0.1, no RDB, no AOF, started by the bench");
        text.AppendLine();
        text.AppendLine("| figure | measured | target | |");
        text.AppendLine("|---|---|---|---|");
        foreach (var (figure, measured, target, verdict) in _rows) text.AppendLine(CultureInfo.InvariantCulture, $"| {figure} | {measured} | {target} | {verdict} |");
        text.AppendLine();
        text.AppendLine("## Details");
        text.AppendLine();
        foreach (var line in _details) text.AppendLine("- " + line);
        return text.ToString();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string CpuModel()
    {
        if (!File.Exists("/proc/cpuinfo")) return RuntimeInformation.ProcessArchitecture.ToString();
        var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
    }

    private static string Git(string arguments) => Tool("git", arguments);

    private static string Tool(string file, string arguments)
    {
        try
        {
            var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return output;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return "unknown";
        }
    }
}
