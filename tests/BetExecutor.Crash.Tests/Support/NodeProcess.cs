using System.Diagnostics;

namespace BetExecutor.Crash.Tests.Support;

/// <summary>
/// One incarnation of an executor node as a child OS process (<c>dotnet BetExecutor.Node.dll</c>), fed JSON lines
/// on standard input. Standard output lines are handed to <c>onStdout</c>; standard error goes to the shared
/// <see cref="NodeLog"/>. <see cref="KillAsync"/> is SIGKILL for the whole process tree: nothing runs after it.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private static readonly TimeSpan ExitDeadline = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly Lock _stdinGate = new();

    private NodeProcess(Process process, int incarnation)
    {
        _process = process;
        Incarnation = incarnation;
    }

    public int Incarnation { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for the process to exit by itself (a node that refuses to start), at most <paramref name="within"/>.</summary>
    public async Task WaitForExitAsync(TimeSpan within)
    {
        using var deadline = new CancellationTokenSource(within);
        try { await _process.WaitForExitAsync(deadline.Token); }
        catch (OperationCanceledException) { /* the caller asserts HasExited */ }
    }

    /// <summary>Where the node's assembly is: in node/ beside this test assembly, copied there by the build.</summary>
    public static string NodeAssemblyPath()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "node", "BetExecutor.Node.dll");
        if (!File.Exists(path)) throw new FileNotFoundException($"the node assembly is not in node/ beside the tests: {path}", path);
        return path;
    }

    public static NodeProcess Start(int incarnation, IReadOnlyDictionary<string, string> environment, NodeLog log, Action<string> onStdout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.Combine(AppContext.BaseDirectory, "node"),
        };
        start.ArgumentList.Add(NodeAssemblyPath());
        // These tests read the node's log lines as text; a node whose standard error is redirected writes JSON otherwise.
        start.Environment["BETEXECUTOR_LOG"] = "text";
        foreach (var (name, value) in environment) start.Environment[name] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the node process");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line) onStdout(line);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line) log.Add(incarnation, line);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        log.Add(incarnation, $"--- test: node incarnation {incarnation} started as pid {process.Id}");
        return new NodeProcess(process, incarnation);
    }

    /// <summary>Writes one line to the node's standard input; false if the node is gone (the line is lost).</summary>
    public bool TrySend(string line)
    {
        lock (_stdinGate)
        {
            if (_process.HasExited) return false;
            try
            {
                _process.StandardInput.WriteLine(line);
                _process.StandardInput.Flush();
                return true;
            }
            catch (IOException)
            {
                return false; // broken pipe: the node died
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }

    /// <summary>SIGKILL to the node and everything it started, then waits until the process is really gone.</summary>
    public async Task KillAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // exited between the check and the kill
        }
        using var deadline = new CancellationTokenSource(ExitDeadline);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"node pid {_process.Id} (incarnation {Incarnation}) did not exit within {ExitDeadline} of SIGKILL");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        finally
        {
            _process.Dispose();
        }
    }
}
