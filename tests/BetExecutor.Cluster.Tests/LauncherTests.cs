using BetExecutor.LocalCluster;

namespace BetExecutor.Cluster.Tests;

/// <summary>
/// The launcher's promise to stop exactly what it started: a process is known by pid and start time, so a pid that
/// now names another process is left alone, and a process that ignores SIGTERM still ends (SIGKILL after the grace).
/// </summary>
public sealed class LauncherTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("betexecutor-launcher-").FullName;

    /// <summary>A shell that sets up its signals and then becomes <c>sleep</c>; returns once it has.</summary>
    private async Task<ChildProcess> StartSleeperAsync(string name, string script = "exec sleep 300")
    {
        var process = ChildProcess.Start(name, "/bin/sh", ["-c", script], new Dictionary<string, string>(),
            Path.Combine(_directory, $"{name}.log"), _directory, detach: false);
        for (var i = 0; i < 200 && File.ReadAllText($"/proc/{process.Pid}/comm").Trim() != "sleep"; i++) await Task.Delay(25);
        Assert.Equal("sleep", File.ReadAllText($"/proc/{process.Pid}/comm").Trim());
        return process;
    }

    [Fact]
    public async Task A_recorded_pid_with_another_start_time_is_not_signalled()
    {
        var sleeper = await StartSleeperAsync("sleeper");
        try
        {
            var reused = ChildProcess.Known("recorded", sleeper.Pid, sleeper.StartTicks - 1, sleeper.LogPath);

            Assert.False(reused.IsRunning);
            Assert.False(reused.Signal(PosixSignal.Kill));
            Assert.True(await reused.StopAsync(TimeSpan.FromSeconds(1))); // nothing of ours runs: done at once
            Assert.True(sleeper.IsRunning, "the process that now has the recorded pid was signalled");
        }
        finally
        {
            await sleeper.KillAsync();
        }
    }

    [Fact]
    public async Task A_process_that_ignores_SIGTERM_is_killed_after_the_grace_period()
    {
        // An ignored signal stays ignored across exec: the sleeper never reacts to SIGTERM.
        var stubborn = await StartSleeperAsync("stubborn", "trap '' TERM; exec sleep 300");

        var graceful = await stubborn.StopAsync(TimeSpan.FromMilliseconds(500));

        Assert.False(graceful);
        Assert.False(stubborn.IsRunning);
    }

    [Fact]
    public async Task A_paused_process_still_stops_on_SIGTERM()
    {
        var sleeper = await StartSleeperAsync("paused");
        Assert.True(sleeper.Signal(PosixSignal.Stop));

        Assert.True(await sleeper.StopAsync(TimeSpan.FromSeconds(10)));
        Assert.False(sleeper.IsRunning);
    }

    [Fact]
    public void Cluster_file_lists_nodes_before_services_and_gateways_before_executors()
    {
        var file = new ClusterFile(true, "http://127.0.0.1:1/", "key", "local", "http://127.0.0.1:2/", null, null,
            [
                new NodeEntry("executor-1", [NodeRoles.Executor], 11, 1, "akka.tcp://betexecutor@127.0.0.1:3", null, null, "e.log"),
                new NodeEntry("gateway-1", [NodeRoles.Gateway], 12, 1, "akka.tcp://betexecutor@127.0.0.1:4", "http://127.0.0.1:1/", null, "g.log"),
            ],
            [new ProcessEntry("venue", 13, 1, "v.log"), new ProcessEntry("redis", 14, 1, "r.log")],
            DateTimeOffset.UnixEpoch);
        var path = Path.Combine(_directory, ClusterFile.FileName);

        ClusterFile.Write(path, file);

        Assert.Equal(["gateway-1", "executor-1", "venue", "redis"], ClusterFile.Read(path)!.Processes().Select(p => p.Name));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
