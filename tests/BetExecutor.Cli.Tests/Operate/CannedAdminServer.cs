using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace BetExecutor.Cli.Tests.Operate;

/// <summary>A request as the canned server received it.</summary>
public sealed record AdminRequest(string Method, string PathAndQuery, string? Authorization, string Body);

/// <summary>
/// An HTTP server on a loopback port that answers admin API paths with canned JSON, for checking what
/// <c>betexec</c> sends (path, token, body) and how it prints and exits on each kind of answer. The real server is
/// exercised by the cluster tests; this one only stands in for it where a test is about the client.
/// </summary>
public sealed class CannedAdminServer : IAsyncDisposable
{
    public const string Token = "canned-secret-token-7f3a";

    private readonly HttpListener _listener = new();
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _answers = new();
    private readonly Task _loop;

    public CannedAdminServer()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Url { get; }
    public ConcurrentQueue<AdminRequest> Requests { get; } = new();

    /// <summary>Answers <paramref name="method"/> <paramref name="pathAndQuery"/> (e.g. <c>GET /cluster</c>) with this status and body.</summary>
    public CannedAdminServer Answer(string method, string pathAndQuery, int status, string body)
    {
        _answers[$"{method} {pathAndQuery}"] = (status, body);
        return this;
    }

    /// <summary>The admin options pointing at this server, ahead of the command's own arguments.</summary>
    public string[] Args(params string[] command) => [.. command, "--admin", Url, "--token", Token];

    /// <summary>The same, as the environment variables <c>betexec</c> reads.</summary>
    public IReadOnlyDictionary<string, string> Environment() =>
        new Dictionary<string, string> { ["BETEXECUTOR_ADMIN_URL"] = Url, ["BETEXECUTOR_ADMIN_TOKEN"] = Token };

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var path = context.Request.Url!.PathAndQuery;
            Requests.Enqueue(new AdminRequest(context.Request.HttpMethod, path, context.Request.Headers["Authorization"], body));
            var (status, answer) = context.Request.Headers["Authorization"] != $"Bearer {Token}"
                ? (401, """{"error":{"code":"unauthorized","message":"a valid admin token is required: Authorization: Bearer <token>"}}""")
                : _answers.TryGetValue($"{context.Request.HttpMethod} {path}", out var canned)
                    ? canned
                    : (404, """{"error":{"code":"not-found","message":"no such path"}}""");
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json; charset=utf-8";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
