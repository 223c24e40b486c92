using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BetExecutor.Persistence.Redis.Tests.Infrastructure;

/// <summary>
/// A throw-away <c>redis-server</c> on a free 127.0.0.1 port, started as a plain child process and
/// killed on dispose. <see cref="StopAsync"/> and <see cref="StartAsync"/> let a test take it down and
/// bring it back on the same port. A durable server writes an fsync-always append-only file in a
/// temporary directory, so data acknowledged before a kill survives the restart.
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(20);

    private readonly bool _durable;
    private readonly IReadOnlyList<string> _extraArguments;
    private readonly string _directory;
    private Process? _process;

    private RedisServerProcess(int port, bool durable, IReadOnlyList<string> extraArguments)
    {
        Port = port;
        _durable = durable;
        _extraArguments = extraArguments;
        _directory = Directory.CreateTempSubdirectory("redis-test-").FullName;
    }

    public int Port { get; }

    /// <summary>StackExchange.Redis configuration string for this server (short connect timeout for tests).</summary>
    public string ConnectionString => $"127.0.0.1:{Port},connectTimeout=2000";

    public bool IsRunning => _process is { HasExited: false };

    public int Pid => _process?.Id ?? throw new InvalidOperationException("redis-server is not running");

    /// <summary>SIGSTOP to this server's pid: it keeps its connections open and answers nothing (a stall, not a crash).</summary>
    public void Pause() => Signal(19);

    /// <summary>SIGCONT: the stalled server runs every command that reached it meanwhile.</summary>
    public void Resume() => Signal(18);

    private void Signal(int signal)
    {
        if (kill(Pid, signal) != 0) throw new InvalidOperationException($"kill({Pid}, {signal}) failed: errno {System.Runtime.InteropServices.Marshal.GetLastPInvokeError()}");
    }

    [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int sig);

    /// <summary>FLUSHALL on this server: every key of every database is gone, as after an operator's mistake.</summary>
    public async Task FlushAllAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync("FLUSHALL\r\n"u8.ToArray());
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer);
        var reply = Encoding.ASCII.GetString(buffer, 0, read);
        if (!reply.StartsWith("+OK", StringComparison.Ordinal)) throw new InvalidOperationException($"FLUSHALL answered {reply}");
    }

    /// <param name="extraArguments">more redis-server options (e.g. cluster mode, replicaof), after the defaults.</param>
    /// <summary>
    /// One command on a plain socket of its own (not through StackExchange.Redis, which would discover and connect to a
    /// whole cluster): the reply as text, an error reply as an exception. Enough for INFO, CLUSTER and the like.
    /// </summary>
    public async Task<string> CommandAsync(params string[] arguments)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        var request = new StringBuilder($"*{arguments.Length}\r\n");
        foreach (var argument in arguments) request.Append($"${Encoding.UTF8.GetByteCount(argument)}\r\n{argument}\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var header = await reader.ReadLineAsync() ?? throw new IOException($"redis-server on port {Port} closed the connection");
        switch (header[0])
        {
            case '+' or ':': return header[1..];
            case '-': throw new InvalidOperationException($"redis-server on port {Port} answered {header}");
            case '$':
                var length = int.Parse(header[1..], System.Globalization.CultureInfo.InvariantCulture);
                if (length < 0) return "";
                var body = new char[length];
                var read = 0;
                // Replies here are ASCII, so characters and bytes count alike.
                while (read < length) read += await reader.ReadAsync(body.AsMemory(read, length - read));
                return new string(body);
            default: throw new InvalidOperationException($"unexpected reply from port {Port}: {header}");
        }
    }

    public static async Task<RedisServerProcess> StartNewAsync(bool durable = false, IReadOnlyList<string>? extraArguments = null)
    {
        var server = new RedisServerProcess(FreeLoopbackPort(), durable, extraArguments ?? []);
        await server.StartAsync();
        return server;
    }

    /// <summary>An ephemeral port that nothing listens on (at the moment of asking).</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async Task StartAsync()
    {
        if (IsRunning) throw new InvalidOperationException("redis-server is already running");

        var start = new ProcessStartInfo("redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        foreach (var arg in Arguments()) start.ArgumentList.Add(arg);

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-server");
        // Drain the pipes so a chatty server never blocks on a full buffer.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await WaitUntilPingAnsweredAsync();
    }

    private IEnumerable<string> Arguments()
    {
        yield return "--port"; yield return Port.ToString();
        yield return "--bind"; yield return "127.0.0.1";
        yield return "--save"; yield return "";
        yield return "--dir"; yield return _directory;
        yield return "--appendonly"; yield return _durable ? "yes" : "no";
        if (_durable) { yield return "--appendfsync"; yield return "always"; }
        // A replica's first sync would otherwise wait 5 s for more replicas to share it.
        yield return "--repl-diskless-sync-delay"; yield return "0";
        foreach (var arg in _extraArguments) yield return arg;
    }

    /// <summary>Kills the server the hard way (as a crash would) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    private async Task WaitUntilPingAnsweredAsync()
    {
        var deadline = DateTime.UtcNow + StartupDeadline;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_process is { HasExited: true })
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} while starting on port {Port}");
            try
            {
                if (await PingAsync()) return;
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                last = e;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"redis-server on port {Port} did not answer PING within {StartupDeadline}", last);
    }

    private async Task<bool> PingAsync()
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync("PING\r\n"u8.ToArray());
        var buffer = new byte[64];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_directory, recursive: true); }
        catch (IOException) { /* a leftover temp directory is harmless */ }
    }
}
