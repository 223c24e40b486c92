using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BetExecutor.Crash.Tests.Support;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;
using BetExecutor.Ingress.Signals;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using BetExecutor.Venue.Simulator;
using Xunit.Abstractions;

namespace BetExecutor.Crash.Tests;

/// <summary>
/// Issue 10, item 1 on a real process: one node with both roles (the default) serves the gateway; a signal posted to
/// it with an API key is executed, a repeat is a duplicate, and the venue's book (GET /bets, the ground truth) holds
/// exactly one positive for it.
/// </summary>
public sealed class GatewayProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Key = "gateway-process-test-key";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly Identity Alice = Identity.Create("bookie", "brand1", "alice");
    private static readonly Identity Hedger = Identity.Create("exchange", "main", "hedger");

    private readonly string _directory = Directory.CreateTempSubdirectory("betexecutor-gateway-").FullName;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private VenueSimulatorServer? _venue;
    private NodeLog? _log;
    private NodeProcess? _node;
    private Uri _gateway = null!;

    public async Task InitializeAsync()
    {
        _log = new NodeLog(Path.Combine(_directory, "node.log"));
        _venue = await VenueSimulatorServer.StartAsync(new VenueServerOptions { Seed = 10 });
        var port = RedisServerProcess.FreeLoopbackPort();
        _gateway = new Uri($"http://127.0.0.1:{port}/");
        var keyHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)));
        _node = NodeProcess.Start(1, new Dictionary<string, string>
        {
            ["BETEXECUTOR_NODE"] = "gateway-node",
            ["BETEXECUTOR_ROLES"] = "executor,gateway",
            ["BETEXECUTOR_PORT"] = "0",
            ["BETEXECUTOR_VENUE"] = _venue.BaseAddress.AbsoluteUri,
            ["BETEXECUTOR_GATEWAY_LISTEN"] = $"127.0.0.1:{port}",
            ["BETEXECUTOR_GATEWAY_KEYS"] = $"desk-a={keyHash}",
        }, _log, _ => { });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_node is not null) await _node.DisposeAsync();
        if (_venue is not null) await _venue.DisposeAsync();
        _log?.Dispose();
        output.WriteLine($"node log: {_log?.Path}");
    }

    [Fact]
    public async Task A_signal_posted_to_the_gateway_is_executed_once_and_the_venue_holds_one_positive()
    {
        await UntilReadyAsync();
        var signal = new Signal("via-http", Alice,
            new SportEvent("event-via-http", DateTimeOffset.UtcNow.AddHours(6)),
            new PositiveLegSpec("match-odds", "home", 2.10m, 50m, "EUR"),
            new HedgeLegSpec(Hedger, "match-odds", "not-home", 2.05m, 1.95m));
        var body = SignalJson.Write(signal).ToJsonString();

        var first = await PostAsync(body);
        var repeat = await PostAsync(body);

        Assert.Equal("executed", (string?)first["decision"]);
        Assert.Equal("duplicate", (string?)repeat["decision"]);
        var positive = ClientReference.For(Alice, signal.PairId, LegKind.Positive).Value;
        var book = await UntilAsync(async () =>
        {
            var bets = await BookAsync();
            return bets.Any(b => (string?)b["clientReference"] == positive) ? bets : null;
        });
        Assert.Single(book, b => (string?)b["clientReference"] == positive);

        using var unauthorised = await _http.PostAsync(new Uri(_gateway, "signals"), new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        using var log = new StreamReader(new FileStream(_log!.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        Assert.Contains($"Gateway listening on \"{_gateway}\"", await log.ReadToEndAsync());
    }

    private async Task<JsonObject> PostAsync(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_gateway, "signals"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        output.WriteLine($"POST /signals -> {(int)response.StatusCode} {text}");
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}{Environment.NewLine}{_log!.Tail()}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private async Task<IReadOnlyList<JsonNode>> BookAsync()
    {
        var book = JsonNode.Parse(await _http.GetStringAsync(new Uri(_venue!.BaseAddress, "bets")))!;
        return book["bets"]!.AsArray().Select(b => b!).ToArray();
    }

    /// <summary>Until /health/ready answers 200: the node is up, an executor (itself) is reachable.</summary>
    private async Task UntilReadyAsync()
    {
        await UntilAsync(async () =>
        {
            Assert.False(_node!.HasExited, $"the node exited while starting{Environment.NewLine}{_log!.Tail()}");
            try
            {
                using var ready = await _http.GetAsync(new Uri(_gateway, "health/ready"));
                return ready.StatusCode == HttpStatusCode.OK ? ready : null;
            }
            catch (HttpRequestException)
            {
                return null; // not listening yet
            }
        });
    }

    private async Task<T> UntilAsync<T>(Func<Task<T?>> attempt) where T : class
    {
        var until = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (await attempt() is { } done) return done;
            if (DateTime.UtcNow > until) throw new TimeoutException($"not within {Deadline}{Environment.NewLine}{_log!.Tail()}");
            await Task.Delay(200);
        }
    }
}
