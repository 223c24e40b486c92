using System.Runtime.InteropServices;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace BetExecutor.Coordination.Redis.Tests.Infrastructure;

/// <summary>
/// Freezes a test's own redis-server with SIGSTOP (it keeps its sockets but answers nothing, like a stalled or
/// partitioned Redis) and thaws it with SIGCONT on dispose. The pid comes from the server itself (INFO server), so
/// only the process the test started is ever signalled.
/// </summary>
public sealed class RedisPause : IAsyncDisposable
{
    private const int SigStop = 19;
    private const int SigCont = 18;

    private readonly int _pid;
    private bool _paused;

    private RedisPause(int pid) => _pid = pid;

    public static async Task<RedisPause> PauseAsync(RedisServerProcess server)
    {
        var pause = new RedisPause(await PidOfAsync(server));
        pause.Signal(SigStop);
        pause._paused = true;
        return pause;
    }

    public void Resume()
    {
        if (!_paused) return;
        Signal(SigCont);
        _paused = false;
    }

    public ValueTask DisposeAsync()
    {
        Resume();
        return ValueTask.CompletedTask;
    }

    public static async Task<int> PidOfAsync(RedisServerProcess server)
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        var info = (string)(await admin.GetDatabase().ExecuteAsync("INFO", "server"))!;
        var line = info.Split('\n').Single(l => l.StartsWith("process_id:", StringComparison.Ordinal));
        return int.Parse(line["process_id:".Length..].Trim());
    }

    private void Signal(int signal)
    {
        if (kill(_pid, signal) != 0)
            throw new InvalidOperationException($"kill({_pid}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);
}
