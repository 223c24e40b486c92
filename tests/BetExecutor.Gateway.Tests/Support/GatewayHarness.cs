using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Akka.Actor;
using Akka.Configuration;
using BetExecutor.Actors;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;
using BetExecutor.Gateway.Configuration;
using BetExecutor.Gateway.Health;
using BetExecutor.Http.Security;
using BetExecutor.Ingress.Signals;
using BetExecutor.Simulation;
using BetExecutor.Venues.Scripts;

namespace BetExecutor.Gateway.Tests.Support;

/// <summary>
/// A real one-node executor (embedded node on a virtual clock, in-memory journal, venue simulator) with the gateway
/// in front of it on a free loopback port, and an HTTP client. Every log line of both is captured.
/// </summary>
public sealed class GatewayHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset KickOff = Start.AddHours(6);
    public static readonly Identity Alice = Identity.Create("bookie", "brand1", "alice");
    public static readonly Identity Hedger = Identity.Create("exchange", "main", "hedger");

    /// <summary>The keys the tests present; only their hashes are configured.</summary>
    public const string DeskKey = "k3y-of-desk-a-7f1c9e2b54d8";
    public const string DeskName = "desk-a";
    public const string OtherKey = "k3y-of-desk-b-0a6e33c1f9b7";
    public const string OtherName = "desk-b";

    private GatewayHarness(ExecutorSimulation simulation, GatewayServer gateway, CapturedLog log)
    {
        Simulation = simulation;
        Gateway = gateway;
        Log = log;
        Http = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(60) };
    }

    public ExecutorSimulation Simulation { get; }
    public GatewayServer Gateway { get; }
    public CapturedLog Log { get; }
    public HttpClient Http { get; }

    /// <summary>The configuration every test starts from: a free port and the two desks' key hashes, plus <paramref name="extra"/> (HOCON under bet-executor.gateway).</summary>
    public static GatewayOptions Options(string extra = "") => GatewayConfiguration.Read(ConfigurationFactory.ParseString($$"""
        bet-executor.gateway {
          listen = "127.0.0.1:0"
          api-keys { {{DeskName}} = "{{ApiKeyRing.HashOf(DeskKey)}}", {{OtherName}} = "{{ApiKeyRing.HashOf(OtherKey)}}" }
          {{extra}}
        }
        """));

    /// <param name="extra">HOCON under bet-executor.gateway (e.g. a short answer-timeout).</param>
    /// <param name="accounts">What the gateway sends to, given the node's shard region; the region itself when null.</param>
    /// <param name="readiness">The node's cluster readiness when null.</param>
    public static async Task<GatewayHarness> StartAsync(
        string extra = "", Func<ExecutorSimulation, IActorRef>? accounts = null, Func<ExecutorSimulation, GatewayReadiness>? readiness = null)
    {
        var log = new CapturedLog();
        var simulation = await ExecutorSimulation.StartAsync(Start, seed: 1, ExecutorSettings.Default("gateway-test-node"), log.Logger);
        try
        {
            var gateway = await GatewayServer.StartAsync(
                Options(extra),
                accounts?.Invoke(simulation) ?? simulation.Node.Accounts,
                readiness?.Invoke(simulation) ?? GatewayReadiness.ForCluster(simulation.Node.System),
                simulation.Clock,
                log.Logger);
            return new GatewayHarness(simulation, gateway, log);
        }
        catch
        {
            await simulation.DisposeAsync();
            throw;
        }
    }

    public static Signal SignalFor(string signalId, Identity? identity = null, decimal stake = 50m) =>
        new(signalId, identity ?? Alice,
            new SportEvent("match-42", KickOff),
            new PositiveLegSpec("match-odds", "home", 2.10m, stake, "EUR"),
            new HedgeLegSpec(Hedger, "match-odds", "not-home", 2.05m, 1.95m));

    public static string Body(Signal signal) => SignalJson.Write(signal).ToJsonString();

    /// <summary>Scripts both legs to be taken and to settle (won / lost), so the pair ends settled once polled.</summary>
    public void ScriptSettling(Signal signal)
    {
        Simulation.Venue.Script(ClientReference.For(signal.Identity, signal.PairId, LegKind.Positive),
            new LegScript(PlaceScript.Parse("accept", "place"), SettlementState.Won, TimeSpan.Zero, false));
        Simulation.Venue.Script(ClientReference.For(signal.Identity, signal.PairId, LegKind.Hedge),
            new LegScript(PlaceScript.Parse("accept", "place"), SettlementState.Lost, TimeSpan.Zero, false));
    }

    public Task<Answer> PostAsync(Signal signal, string? key = DeskKey) => PostAsync(Body(signal), key);

    public async Task<Answer> PostAsync(string body, string? key = DeskKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "signals") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return await SendAsync(request);
    }

    public async Task<Answer> GetAsync(string path, string? key = DeskKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (key is not null) request.Headers.Add("X-Api-Key", key);
        return await SendAsync(request);
    }

    public async Task<Answer> SendAsync(HttpRequestMessage request)
    {
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, text, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers.RetryAfter?.Delta);
    }

    /// <summary>
    /// GET /health/ready until it answers 200 or 30 s have passed; the last answer. The node is up when the harness
    /// starts, but the cluster state readiness reads is a view that follows the member's own state a moment later.
    /// </summary>
    public async Task<Answer> ReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var answer = await GetAsync("health/ready", key: null);
            if (answer.Status == HttpStatusCode.OK || DateTime.UtcNow > deadline) return answer;
            await Task.Delay(50);
        }
    }

    /// <summary>Until the node has settled: every account idle, every pair parked on a timer (time does not move).</summary>
    public Task SettledAsync() => Simulation.Clock.WaitUntilIdleAsync(ExecutorSimulation.RealTimeout);

    /// <summary>Bets the venue holds for the positive leg of <paramref name="signalId"/> (ground truth, not the executor's view).</summary>
    public int PositivesHeld(string signalId, Identity? identity = null) =>
        Simulation.Venue.Held(ClientReference.For(identity ?? Alice, signalId, LegKind.Positive)).Count;

    /// <summary>Every positive bet the venue holds for <paramref name="identity"/>.</summary>
    public int PositivesInBook(Identity identity) =>
        Simulation.Venue.Book().Count(b => b.Account == identity);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Gateway.DisposeAsync();
        await Simulation.DisposeAsync();
    }
}

public sealed record Answer(HttpStatusCode Status, string Text, JsonNode? Json, TimeSpan? RetryAfter)
{
    public string? this[string field] => Json?[field]?.GetValue<string>();

    public override string ToString() => $"{(int)Status} {Text}";
}
