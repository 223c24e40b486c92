using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace BetExecutor.LocalCluster;

/// <summary>
/// The cluster's redis-server: loopback only, a password, and an append-only file fsynced on every write (an
/// acknowledged intent must survive a Redis crash). Its settings are in a file readable by the owner alone, so the
/// password is on no command line.
/// </summary>
public sealed class RedisInstance
{
    private RedisInstance(int port, string password, ChildProcess process)
    {
        Port = port;
        Password = password;
        Process = process;
    }

    public int Port { get; }
    public string Password { get; }
    public ChildProcess Process { get; }
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>As the node reads it (BETEXECUTOR_REDIS).</summary>
    public string ConnectionString => $"{Address},password={Password}";

    public static async Task<RedisInstance> StartAsync(string executable, string directory, bool detach, TimeSpan within, TimeProvider time)
    {
        var dataDirectory = Path.Combine(directory, "redis");
        Directory.CreateDirectory(dataDirectory);
        var port = LoopbackPorts.Free();
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var configuration = Path.Combine(dataDirectory, "redis.conf");
        File.WriteAllText(configuration, string.Join('\n',
            "bind 127.0.0.1",
            $"port {port}",
            $"dir \"{dataDirectory}\"",
            "appendonly yes",
            "appendfsync always",
            "save \"\"",
            $"requirepass {password}",
            ""));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(configuration, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var process = ChildProcess.Start("redis", executable, [configuration], new Dictionary<string, string>(),
            Path.Combine(directory, "logs", "redis.log"), dataDirectory, detach, time);
        var redis = new RedisInstance(port, password, process);
        await redis.WaitUntilAnsweringAsync(within);
        return redis;
    }

    private async Task WaitUntilAnsweringAsync(TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!await AnswersAsync())
        {
            if (!Process.IsRunning) throw new LaunchException($"redis-server exited while starting:\n{Process.LogTail()}");
            if (clock.Elapsed > within) throw new LaunchException($"redis-server on port {Port} did not answer within {within.TotalSeconds:0} s");
            await Task.Delay(100);
        }
    }

    /// <summary>AUTH then PING over a plain socket: true once both are answered OK.</summary>
    public async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.ConnectAsync(IPAddress.Loopback, Port, timeout.Token);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"AUTH {Password}\r\nPING\r\n"), timeout.Token);
            var reply = new StringBuilder();
            var buffer = new byte[256];
            while (!reply.ToString().Contains("+PONG", StringComparison.Ordinal))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0) return false;
                reply.Append(Encoding.ASCII.GetString(buffer, 0, read));
                if (reply.ToString().StartsWith('-')) return false;
            }
            return reply.ToString().StartsWith("+OK", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }
}
