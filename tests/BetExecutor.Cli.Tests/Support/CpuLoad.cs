using System.Diagnostics;

namespace BetExecutor.Cli.Tests.Support;

/// <summary>
/// Competing CPU-bound processes (one busy shell loop per core) for the length of a test, so that runs meet the
/// scheduling delays of a loaded machine. Each is stopped by its own pid on dispose.
/// </summary>
public sealed class CpuLoad : IDisposable
{
    private readonly List<Process> _processes = [];

    private CpuLoad(int processes)
    {
        for (var i = 0; i < processes; i++)
        {
            var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("while :; do :; done");
            _processes.Add(Process.Start(start) ?? throw new InvalidOperationException("could not start a CPU-bound process"));
        }
    }

    public static CpuLoad OnEveryCore() => new(Environment.ProcessorCount);

    public IReadOnlyList<int> Pids => _processes.Select(p => p.Id).ToArray();

    /// <summary>True while every load process still runs (a load that died would prove nothing).</summary>
    public bool Running => _processes.All(p => !p.HasExited);

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            try
            {
                if (!process.HasExited) process.Kill();
                process.WaitForExit(5_000);
            }
            catch (InvalidOperationException) { } // already gone
            process.Dispose();
        }
    }
}
