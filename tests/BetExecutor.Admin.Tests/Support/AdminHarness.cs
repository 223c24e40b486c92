using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Akka.Configuration;
using BetExecutor.Actors;
using BetExecutor.Actors.Accounts;
using BetExecutor.Admin.Configuration;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;
using BetExecutor.Gateway.Tests.Support;
using BetExecutor.Http.Security;
using BetExecutor.Node.Hosting;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using BetExecutor.Simulation;
using BetExecutor.Venues.Scripts;

namespace BetExecutor.Admin.Tests.Support;

/// <summary>
/// A real one-node executor (embedded node on a virtual clock, the Redis journal on a real redis-server, the venue
/// simulator) with its admin API on a free loopback port, and an HTTP client. Every log line is captured.
/// </summary>
public sealed class AdminHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset KickOff = Start.AddHours(6);
    public static readonly Identity Alice = Identity.Create("bookie", "brand1", "alice");
    public static readonly Identity Bob = Identity.Create("bookie", "brand1", "bob");
    public static readonly Identity Hedger = Identity.Create("exchange", "main", "hedger");

    /// <summary>The tokens the tests present; only their hashes are configured.</summary>
    public const string OpsToken = "adm1n-t0ken-of-ops-5c2e9a71d4";
    public const string OpsName = "ops-anna";
    public const string OtherToken = "adm1n-t0ken-of-desk-8b13f0e6a2";
    public const string OtherName = "ops-ben";

    private readonly RedisServerProcess _redis;
    private readonly bool _ownsRedis;

    private AdminHarness(RedisServerProcess redis, bool ownsRedis, ExecutorSimulation simulation, CapturedLog log)
    {
        _redis = redis;
        _ownsRedis = ownsRedis;
        Simulation = simulation;
        Log = log;
    }

    public ExecutorSimulation Simulation { get; }
    public CapturedLog Log { get; }
    public NodeAdmin Admin { get; private set; } = null!;

    /// <summary>The node's cluster address, as the admin API names members.</summary>
    public string SelfAddress => Akka.Cluster.Cluster.Get(Simulation.Node.System).SelfAddress.ToString();
    public HttpClient Http { get; private set; } = null!;

    public static AdminOptions Options(string extra = "") => AdminConfiguration.Read(ConfigurationFactory.ParseString($$"""
        bet-executor.admin {
          listen = "127.0.0.1:0"
          tokens { {{OpsName}} = "{{ApiKeyRing.HashOf(OpsToken)}}", {{OtherName}} = "{{ApiKeyRing.HashOf(OtherToken)}}" }
          {{extra}}
        }
        """));

    /// <param name="hocon">The node's overrides (e.g. a short kill-switch refresh).</param>
    public static async Task<AdminHarness> StartAsync(string hocon = "")
    {
        var redis = await RedisServerProcess.StartNewAsync();
        var log = new CapturedLog();
        try
        {
            var simulation = await ExecutorSimulation.StartAsync(Start, seed: 1, ExecutorSettings.Default("admin-test-node"), log.Logger,
                redis: redis.ConnectionString, hocon: hocon.Length == 0 ? null : ConfigurationFactory.ParseString(hocon));
            var harness = new AdminHarness(redis, ownsRedis: true, simulation, log);
            await harness.StartAdminAsync();
            return harness;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    private async Task StartAdminAsync()
    {
        Admin = await Simulation.Node.StartAdminAsync(Options(), Log.Logger);
        Http = new HttpClient { BaseAddress = Admin.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>Stops the node (and its admin API) and starts a fresh incarnation on the same Redis, with a new admin API.</summary>
    public async Task RestartAsync()
    {
        Http.Dispose();
        await Admin.DisposeAsync();
        await Simulation.RestartAsync();
        await StartAdminAsync();
    }

    public static Signal SignalFor(string signalId, Identity? identity = null, decimal stake = 50m) =>
        new(signalId, identity ?? Alice,
            new SportEvent("match-42", KickOff),
            new PositiveLegSpec("match-odds", "home", 2.10m, stake, "EUR"),
            new HedgeLegSpec(Hedger, "match-odds", "not-home", 2.05m, 1.95m));

    /// <summary>Both legs taken at once and settled (won / lost) when polled.</summary>
    public void ScriptSettling(Signal signal) => Script(signal, PlaceScript.Parse("accept", "place"), PlaceScript.Parse("accept", "place"));

    /// <summary>The positive taken at once; the hedge's placement times out but it is taken (found by the first lookup).</summary>
    public void ScriptHedgeInDoubt(Signal signal) => Script(signal, PlaceScript.Parse("accept", "place"), PlaceScript.Parse("timeout-placed", "place"));

    /// <summary>The positive taken, every hedge attempt refused for good: the pair ends unhedged (an exposure).</summary>
    public void ScriptUnhedged(Signal signal) => Script(signal, PlaceScript.Parse("accept", "place"), PlaceScript.Parse("reject:MARKET_CLOSED", "place"));

    private void Script(Signal signal, PlaceScript positive, PlaceScript hedge)
    {
        Simulation.Venue.Script(ClientReference.For(signal.Identity, signal.PairId, LegKind.Positive), new LegScript(positive, SettlementState.Won, TimeSpan.Zero));
        Simulation.Venue.Script(ClientReference.For(signal.Identity, signal.PairId, LegKind.Hedge), new LegScript(hedge, SettlementState.Lost, TimeSpan.Zero));
    }

    /// <summary>Bets the venue holds for <paramref name="identity"/>'s pair <paramref name="pairId"/> (positive and hedge).</summary>
    public int BetsHeld(Identity identity, string pairId) =>
        Simulation.Venue.Held(ClientReference.For(identity, pairId, LegKind.Positive)).Count
        + Simulation.Venue.Held(ClientReference.For(identity, pairId, LegKind.Hedge)).Count;

    public Task<Answer> GetAsync(string path, string? token = OpsToken) => SendAsync(HttpMethod.Get, path, null, token);

    public Task<Answer> PostAsync(string path, object? body, string? token = OpsToken) =>
        SendAsync(HttpMethod.Post, path, body is null ? null : body as string ?? System.Text.Json.JsonSerializer.Serialize(body), token);

    public async Task<Answer> SendAsync(HttpMethod method, string path, string? body, string? token = OpsToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        // Operator actions are answered once stored; the node then settles (pairs parked on virtual timers).
        await Simulation.Clock.WaitUntilIdleAsync(ExecutorSimulation.RealTimeout);
        return new Answer(response.StatusCode, text, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers.RetryAfter?.Delta);
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (Admin is not null) await Admin.DisposeAsync();
        await Simulation.DisposeAsync();
        if (_ownsRedis) await _redis.DisposeAsync();
    }
}

/// <summary>An HTTP answer: status, body text, parsed JSON and Retry-After.</summary>
public sealed record Answer(HttpStatusCode Status, string Text, JsonNode? Json, TimeSpan? RetryAfter)
{
    public string? this[string field] => Json?[field]?.ToString();

    public string? ErrorCode => Json?["error"]?["code"]?.GetValue<string>();

    public string? ErrorField => Json?["error"]?["field"]?.GetValue<string>();

    public override string ToString() => $"{(int)Status} {Text}";
}
