using System.Diagnostics;

namespace BetExecutor.Cli.Tests.Support;

/// <summary>What a finished <c>betexec</c> process left behind.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>
/// Runs the built <c>betexec</c> as a real child process: <c>dotnet betexec.dll ARGS</c>. The test project references
/// the CLI project, so <c>betexec.dll</c> and its runtime config sit next to the test assembly.
/// </summary>
public static class Betexec
{
    /// <summary>Real-time guard against a hung child; a healthy run takes a few seconds.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromMinutes(2);

    public static string DllPath
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "betexec.dll");
            if (!File.Exists(path)) throw new FileNotFoundException($"betexec.dll is not next to the test assembly ({AppContext.BaseDirectory})", path);
            return path;
        }
    }

    public static Task<ProcessResult> RunAsync(params string[] args) => RunDllAsync(DllPath, args);

    /// <summary>With these environment variables set (an empty value removes one the test runner has).</summary>
    public static Task<ProcessResult> RunWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunDllAsync(DllPath, args, environment);

    /// <summary>
    /// <c>betexec.dll</c> in the CLI project's own build output, for test projects whose output cannot host it (one
    /// that references ASP.NET Core lacks the NuGet assemblies betexec's runtime needs).
    /// </summary>
    public static string CliProjectDllPath
    {
        get
        {
            // .../tests/PROJECT/bin/CONFIGURATION/TFM/ -> .../src/BetExecutor.Cli/bin/CONFIGURATION/TFM/betexec.dll
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var (framework, configuration, root) = (output.Name, output.Parent!.Name, output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName);
            var path = Path.Combine(root, "src", "BetExecutor.Cli", "bin", configuration, framework, "betexec.dll");
            if (!File.Exists(path)) throw new FileNotFoundException($"betexec.dll is not in the CLI project's output ({path})", path);
            return path;
        }
    }

    public static Task<ProcessResult> RunDllAsync(string dllPath, params string[] args) => RunDllAsync(dllPath, args, null);

    public static async Task<ProcessResult> RunDllAsync(string dllPath, string[] args, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(dllPath);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // No telemetry banners or first-run messages on the streams under test.
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            if (value.Length == 0) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.StandardInput.Close();
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
        return new ProcessResult(process.ExitCode, await stdout, await stderr);
    }

    private static string DotnetHost()
    {
        // The SDK sets DOTNET_HOST_PATH for the processes it starts (dotnet test); otherwise rely on PATH.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }
}
