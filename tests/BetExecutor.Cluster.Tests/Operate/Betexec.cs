using System.Diagnostics;
using System.Runtime.InteropServices;

namespace BetExecutor.Cluster.Tests.Operate;

/// <summary>What a finished <c>betexec</c> process printed, and its exit code.</summary>
public sealed record BetexecResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"betexec {Command}: exit code {ExitCode}\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";
}

/// <summary>
/// <c>betexec</c> as the operator runs it: <c>dotnet betexec.dll ARGS</c> from the CLI project's build output (the
/// test project references it, so it is built first), with the admin URL and token in its environment.
/// </summary>
public sealed class Betexec(string adminUrl, string token)
{
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(1);

    public string AdminUrl { get; } = adminUrl;

    public static string DllPath
    {
        get
        {
            // .../tests/BetExecutor.Cluster.Tests/bin/CONFIGURATION/TFM/ -> .../src/BetExecutor.Cli/bin/CONFIGURATION/TFM/betexec.dll
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var root = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(root, "src", "BetExecutor.Cli", "bin", output.Parent!.Name, output.Name, "betexec.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"betexec.dll is not in the CLI project's output ({path})", path);
        }
    }

    /// <summary>Runs one command to its end; the admin URL and token come from the environment unless the arguments give them.</summary>
    public async Task<BetexecResult> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(Guard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"betexec {string.Join(' ', args)} did not finish within {Guard}");
        }
        return new BetexecResult(string.Join(' ', args), process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// Runs a command that streams until Ctrl-C (<c>cluster tail</c>): reads its lines until <paramref name="enough"/>
    /// says so, then sends it SIGINT (by its pid) and waits for it to end.
    /// </summary>
    public async Task<BetexecResult> RunUntilInterruptedAsync(Func<IReadOnlyList<string>, bool> enough, params string[] args)
    {
        using var process = Start(args);
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        using var guard = new CancellationTokenSource(Guard);
        try
        {
            while (!enough(lines))
            {
                var line = await process.StandardOutput.ReadLineAsync(guard.Token);
                if (line is null) break;
                lines.Add(line);
            }
            if (!process.HasExited && Interrupt(process.Id) != 0) throw new InvalidOperationException($"could not send SIGINT to betexec (pid {process.Id})");
            var rest = await process.StandardOutput.ReadToEndAsync(guard.Token);
            await process.WaitForExitAsync(guard.Token);
            return new BetexecResult(string.Join(' ', args), process.ExitCode, string.Join("\n", lines) + "\n" + rest, await stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"betexec {string.Join(' ', args)} did not end within {Guard}; it printed:\n{string.Join("\n", lines)}");
        }
    }

    private Process Start(string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(DllPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["BETEXECUTOR_ADMIN_URL"] = AdminUrl;
        start.Environment["BETEXECUTOR_ADMIN_TOKEN"] = token;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
        return process;
    }

    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int Kill(int pid, int signal);

    /// <summary>
    /// Ctrl-C's SIGINT; SIGTERM instead when this process ignores SIGINT (started in the background by a
    /// non-interactive shell): the child inherits the ignore, and betexec ends on either.
    /// </summary>
    private static int Interrupt(int pid)
    {
        if (pid <= 1) throw new ArgumentOutOfRangeException(nameof(pid));
        return Kill(pid, IgnoresSigint() ? 15 : 2);
    }

    private static bool IgnoresSigint()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }
}
