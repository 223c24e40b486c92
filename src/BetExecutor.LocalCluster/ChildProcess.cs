using System.Diagnostics;
using System.Globalization;

namespace BetExecutor.LocalCluster;

/// <summary>
/// One process the launcher started, known by its pid and its start time (so a reused pid is never taken for it).
/// Its standard output and error are appended to its log file by the shell that execs it, so it keeps running, and
/// logging, after the launcher exits (scripts/local-cluster up). Every signal goes to this pid alone.
/// </summary>
public sealed class ChildProcess
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(50);

    // Held so the runtime reaps the child when it exits (a disposed Process leaves a zombie behind).
    private readonly Process? _process;

    private ChildProcess(string name, int pid, long startTicks, string logPath, long logOffset, Process? process = null)
    {
        _process = process;
        Name = name;
        Pid = pid;
        StartTicks = startTicks;
        LogPath = logPath;
        LogOffset = logOffset;
    }

    public string Name { get; }
    public int Pid { get; }
    public long StartTicks { get; }
    public string LogPath { get; }

    /// <summary>Where this incarnation's lines start in its log file (earlier incarnations of the same name come before).</summary>
    public long LogOffset { get; }

    /// <summary>Still the process we started: the pid exists, is not a zombie and has our start time.</summary>
    public bool IsRunning => _process is not { HasExited: true } && Posix.StartTicks(Pid) == StartTicks;

    /// <summary>
    /// Starts <paramref name="executable"/> through <c>/bin/sh -c 'exec …'</c>, so the pid is the program's own, with
    /// standard input from /dev/null and both outputs appended to <paramref name="logPath"/>. <paramref name="detach"/>
    /// puts it in a session of its own (setsid) so a terminal's Ctrl+C or hang-up after <c>up</c> does not reach it;
    /// tests leave it in theirs, so whatever ends the test run ends the processes too.
    /// </summary>
    public static ChildProcess Start(
        string name, string executable, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        string logPath, string workingDirectory, bool detach, TimeProvider? time = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(logPath))!);
        File.AppendAllText(logPath, string.Create(CultureInfo.InvariantCulture,
            $"--- local-cluster: starting {name} at {(time ?? TimeProvider.System).GetUtcNow():O}{Environment.NewLine}"));
        var offset = new FileInfo(logPath).Length;

        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("log=$1; shift; exec \"$@\" </dev/null >>\"$log\" 2>&1");
        start.ArgumentList.Add("local-cluster");
        start.ArgumentList.Add(logPath);
        if (detach) start.ArgumentList.Add("setsid");
        start.ArgumentList.Add(executable);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // The cluster's settings come from the launcher alone, never from whatever the caller's shell exported.
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("BETEXECUTOR_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(inherited);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name} ({executable})");
        var pid = process.Id;
        // The start time identifies the process from now on; read before anything could have reused the pid.
        var ticks = Posix.StartTicks(pid) ?? throw new InvalidOperationException(
            $"{name} (pid {pid}) exited at once; see {logPath}");
        return new ChildProcess(name, pid, ticks, logPath, offset, process);
    }

    /// <summary>A process started earlier (by another run of the launcher), as recorded in cluster.json.</summary>
    public static ChildProcess Known(string name, int pid, long startTicks, string logPath) => new(name, pid, startTicks, logPath, 0);

    /// <summary>Sends a signal to this process if it is still ours; false if it is gone.</summary>
    public bool Signal(PosixSignal signal) => IsRunning && Posix.Send(Pid, signal);

    /// <summary>Waits until the process is gone, at most <paramref name="within"/>; true if it is.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan within, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        while (IsRunning)
        {
            if (clock.Elapsed > within) return false;
            await Task.Delay(PollEvery, cancellationToken);
        }
        return true;
    }

    /// <summary>SIGKILL, then waits until the process is gone: nothing runs after this returns.</summary>
    public async Task KillAsync()
    {
        Signal(PosixSignal.Kill);
        if (!await WaitForExitAsync(TimeSpan.FromSeconds(15)))
            throw new TimeoutException($"{Name} (pid {Pid}) still runs 15 s after SIGKILL");
    }

    /// <summary>
    /// SIGTERM (after SIGCONT, since a stopped process handles nothing), then SIGKILL if it is still running after
    /// <paramref name="grace"/>. True if it stopped on SIGTERM alone.
    /// </summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (!IsRunning) return true;
        Signal(PosixSignal.Continue);
        Signal(PosixSignal.Term);
        if (await WaitForExitAsync(grace)) return true;
        await KillAsync();
        return false;
    }

    /// <summary>This incarnation's log lines so far.</summary>
    public string ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(LogOffset, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The last lines of this incarnation's log, for an error message.</summary>
    public string LogTail(int lines = 30)
    {
        var all = ReadLog().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join('\n', all.TakeLast(lines));
    }
}
