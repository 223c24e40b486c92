using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Time;
using BetExecutor.Gateway;
using BetExecutor.Gateway.Configuration;
using BetExecutor.Gateway.Health;
using BetExecutor.Http.Security;
using BetExecutor.Ingress.Signals;
using Serilog.Core;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>
/// The ingress cost: the same signals answered through the gateway's HTTP (POST /signals, bearer key, JSON) and by an
/// in-process Ask to the account region, one at a time, alternated so both see the same machine.
/// </summary>
internal static class GatewayRun
{
    private const string Key = "bench-key-4c1d9a7e20b3f6";

    public sealed record Figures(Latencies Http, Latencies InProcess, double HttpPerSecond);

    public static async Task<Figures> RunAsync(BenchNode node, int signals, int concurrentSignals, int firstIdentity)
    {
        var options = GatewayConfiguration.Read(ConfigurationFactory.ParseString($$"""
            bet-executor.gateway {
              listen = "127.0.0.1:0"
              rate-limit { requests = 1000000, per = 1s, burst = 1000000 }
              api-keys { bench = "{{ApiKeyRing.HashOf(Key)}}" }
            }
            """));
        await using var gateway = await GatewayServer.StartAsync(options, node.Accounts, GatewayReadiness.ForCluster(node.Node.System), new RealClock(), Logger.None);
        using var http = new HttpClient { BaseAddress = gateway.Address, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        var next = firstIdentity;
        var viaHttp = new Latencies();
        var inProcess = new Latencies();
        for (var n = 0; n < signals; n++)
        {
            viaHttp.Record(await PostAsync(http, next++));
            var signal = BenchNode.SignalFor(BenchNode.IdentityNumber(next++), "sig-ask");
            var start = Stopwatch.GetTimestamp();
            var answer = await node.Accounts.Ask<SignalAnswer>(new ExecuteSignal(signal, DateTimeOffset.UtcNow), TimeSpan.FromSeconds(30));
            inProcess.Record(Stopwatch.GetElapsedTime(start));
            if (answer.Kind != SignalAnswerKind.Executed) throw new InvalidOperationException($"in-process signal not executed: {answer.Detail}");
        }

        // Throughput through HTTP with several clients at once (each POST waits for its answer, as a sender does).
        var clock = Stopwatch.StartNew();
        var perClient = concurrentSignals / 16;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async c =>
        {
            for (var n = 0; n < perClient; n++) await PostAsync(http, firstIdentity + 2 * signals + c * perClient + n);
        }));
        return new Figures(viaHttp, inProcess, perClient * 16 / clock.Elapsed.TotalSeconds);
    }

    private static async Task<TimeSpan> PostAsync(HttpClient http, int identityNumber)
    {
        var signal = BenchNode.SignalFor(BenchNode.IdentityNumber(identityNumber), "sig-http");
        using var content = new StringContent(SignalJson.Write(signal).ToJsonString(), Encoding.UTF8, "application/json");
        var start = Stopwatch.GetTimestamp();
        using var response = await http.PostAsync("signals", content);
        var body = await response.Content.ReadAsStringAsync();
        var elapsed = Stopwatch.GetElapsedTime(start);
        if (!response.IsSuccessStatusCode || !body.Contains("\"executed\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"gateway answered {(int)response.StatusCode}: {body}");
        return elapsed;
    }
}
