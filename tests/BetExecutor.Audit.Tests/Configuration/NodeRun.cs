using System.Collections.Concurrent;
using System.Diagnostics;

namespace BetExecutor.Audit.Tests.Configuration;

/// <summary>
/// The real node process (<c>dotnet BetExecutor.Node.dll</c>, built beside these tests) with a given environment:
/// run to its exit, or until a line shows on its output. Only BETEXECUTOR_* variables of the test's choosing reach it.
/// </summary>
public sealed class NodeRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private NodeRun(Process process) => _process = process;

    public string Stdout => string.Join('\n', _stdout);
    public string Stderr => string.Join('\n', _stderr);
    public IReadOnlyList<string> StderrLines => [.. _stderr];

    public int ExitCode => _process.ExitCode;

    public static NodeRun Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "BetExecutor.Node.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("BETEXECUTOR_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        // These checks read the node's log lines as text; a node whose standard error is redirected writes JSON otherwise.
        start.Environment["BETEXECUTOR_LOG"] = "text";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var run = new NodeRun(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) run._stdout.Enqueue(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) run._stderr.Enqueue(line); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _ = process.WaitForExitAsync().ContinueWith(_ => run._exited.TrySetResult(), TaskScheduler.Default);
        return run;
    }

    /// <summary>Runs the node to its exit (it must exit by itself within <paramref name="deadline"/>).</summary>
    public static async Task<NodeRun> ExitOfAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var run = Start(environment, args);
        await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return run;
    }

    public async Task WaitForExitAsync(TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the node did not exit within {deadline}; stderr:\n{Stderr}");
        }
        // The asynchronous readers may still hold the last lines.
        _process.WaitForExit();
    }

    /// <summary>Until a line of standard error contains <paramref name="text"/>; false if the node exits first or time runs out.</summary>
    public async Task<bool> SeesAsync(string text, TimeSpan deadline)
    {
        var until = DateTime.UtcNow + deadline;
        while (DateTime.UtcNow < until)
        {
            if (_stderr.Any(l => l.Contains(text, StringComparison.Ordinal))) return true;
            if (_exited.Task.IsCompleted) return _stderr.Any(l => l.Contains(text, StringComparison.Ordinal));
            await Task.Delay(100);
        }
        return false;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // exited already
        }
        _process.Dispose();
    }
}
