using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BetExecutor.Cluster.Tests.Audit.Support;

/// <summary>
/// A minimal Redis client (RESP2 over one loopback socket) for reading what the cluster stored in its own Redis:
/// the test project carries no Redis library, and reading a few sorted sets needs no more than this.
/// Replies: simple string → string, integer → long, bulk → byte[] (null when absent), array → object?[].
/// </summary>
public sealed class RespConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly BufferedStream _stream;

    private RespConnection(TcpClient client)
    {
        _client = client;
        _stream = new BufferedStream(client.GetStream());
    }

    public static async Task<RespConnection> OpenAsync(int port, string password)
    {
        var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port);
        var connection = new RespConnection(client);
        await connection.CallAsync("AUTH", password);
        return connection;
    }

    /// <exception cref="InvalidOperationException">Redis answered with an error.</exception>
    public async Task<object?> CallAsync(params string[] arguments)
    {
        var request = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
            request.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
        await _stream.FlushAsync();
        return await ReadReplyAsync();
    }

    private async Task<object?> ReadReplyAsync()
    {
        var line = await ReadLineAsync();
        var rest = line[1..];
        switch (line[0])
        {
            case '+': return rest;
            case '-': throw new InvalidOperationException($"redis: {rest}");
            case ':': return long.Parse(rest, CultureInfo.InvariantCulture);
            case '$':
                var length = int.Parse(rest, CultureInfo.InvariantCulture);
                if (length < 0) return null;
                var bytes = new byte[length + 2];
                await _stream.ReadExactlyAsync(bytes);
                return bytes[..length];
            case '*':
                var count = int.Parse(rest, CultureInfo.InvariantCulture);
                if (count < 0) return null;
                var items = new object?[count];
                for (var i = 0; i < count; i++) items[i] = await ReadReplyAsync();
                return items;
            default: throw new InvalidOperationException($"redis: unexpected reply '{line}'");
        }
    }

    private async Task<string> ReadLineAsync()
    {
        var line = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            await _stream.ReadExactlyAsync(one);
            if (one[0] == '\n' && line.Count > 0 && line[^1] == '\r') return Encoding.UTF8.GetString(line.ToArray(), 0, line.Count - 1);
            line.Add(one[0]);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}
