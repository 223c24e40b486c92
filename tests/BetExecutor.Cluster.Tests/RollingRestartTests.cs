using System.Collections.Concurrent;
using System.Diagnostics;
using BetExecutor.Cluster.Tests.Support;
using BetExecutor.Domain.Identities;
using BetExecutor.LocalCluster;
using Xunit.Abstractions;

namespace BetExecutor.Cluster.Tests;

/// <summary>
/// Issue 10, 6d: every executor restarted in turn (SIGTERM, then a new incarnation that joins again) while a client
/// sends signals through the gateway at a steady pace, asking again with the same signal id when it gets no answer
/// (the gateway's contract). Every signal ends answered; every one answered 200 is decided once and, if executed,
/// ends final with each leg placed once at the venue; none is lost.
/// </summary>
public sealed class RollingRestartTests(ITestOutputHelper output)
{
    private const int Identities = 8;
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);

    /// <summary>A client asks again with the same signal id after a 503 or no answer, this often and this long.</summary>
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RetryFor = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Restarting_every_executor_in_turn_under_steady_load_loses_no_answered_signal_and_executes_none_twice()
    {
        await using var rig = await ClusterRig.StartAsync(output, executors: 3, gateways: 1);
        var sent = new ConcurrentBag<Sent>();
        using var stopLoad = new CancellationTokenSource();
        var load = RunLoadAsync(rig, sent, stopLoad.Token);

        await Task.Delay(TimeSpan.FromSeconds(2));
        foreach (var executor in rig.Executors.ToList())
        {
            var clock = Stopwatch.StartNew();
            var graceful = await executor.Process.StopAsync(LaunchedCluster.StopGrace);
            var stopped = clock.Elapsed;
            await rig.Cluster.RestartAsync(executor, Within);
            output.WriteLine($"{executor.Name}: stopped in {stopped.TotalSeconds:0.0} s ({(graceful ? "SIGTERM" : "SIGKILL after the grace period")}), " +
                $"back in the cluster {clock.Elapsed.TotalSeconds:0.0} s after SIGTERM (incarnation {executor.Incarnation})");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        await stopLoad.CancelAsync();
        var clients = await load;
        await Task.WhenAll(clients);

        var signals = sent.OrderBy(s => s.Number).ToList();
        var unanswered = signals.Where(s => s.Answer is not { Answered: true }).ToList();
        Assert.True(unanswered.Count == 0, $"{unanswered.Count} of {signals.Count} signals never answered 200 within {RetryFor.TotalSeconds:0} s of asking again: " +
            string.Join(", ", unanswered.Take(10).Select(s => $"{s.Signal} ({s.Answer})")));

        // What the cluster decided (a repeat is answered 'duplicate'; the state names the first decision).
        var states = new Dictionary<TestSignal, SignalState>();
        foreach (var s in signals) states[s.Signal] = await rig.StateAsync(s.Signal, Within);
        var executed = signals.Where(s => states[s.Signal].Decision == "executed").ToList();
        foreach (var s in executed) states[s.Signal] = await rig.FinalStateAsync(s.Signal, Within);

        var book = await rig.BookAsync();
        Assert.Empty(book.Violations());
        foreach (var s in signals)
        {
            var positives = book.Attempts(s.Signal.PositiveReference);
            if (executed.Contains(s))
            {
                Assert.True(positives == 1, $"{s.Signal}: executed, its positive placed {positives} times");
                Assert.True(book.Holds(s.Signal.HedgeReference), $"{s.Signal}: executed, {states[s.Signal]}, but the venue holds no hedge");
                Assert.True(states[s.Signal].PairState == "settled", $"{s.Signal}: {states[s.Signal]}");
            }
            else
            {
                Assert.True(positives == 0, $"{s.Signal}: decided {states[s.Signal]} yet its positive reached the venue");
            }
        }
        var firstTry = signals.Count(s => s.Tries == 1);
        var rejected = signals.Where(s => states[s.Signal].Decision != "executed").GroupBy(s => states[s.Signal].Decision).Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"rolling restart: {signals.Count} signals sent, {signals.Count} answered 200 ({firstTry} at the first try, the rest after asking again), " +
            $"{executed.Count} executed, {book.Body.Bets.Count(b => b.ClientReference.EndsWith("-p", StringComparison.Ordinal))} positives at the venue; not executed: {string.Join(", ", rejected)}");
        rig.Passed = true;
    }

    /// <summary>Starts one client per signal at a steady pace until cancelled; returns the clients to wait for.</summary>
    private static async Task<List<Task>> RunLoadAsync(ClusterRig rig, ConcurrentBag<Sent> sent, CancellationToken stop)
    {
        var clients = new List<Task>();
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var signal = new TestSignal($"steady-{n}", Identity.Create("bookie", "brand1", $"steady-{n % Identities}"));
            await rig.ScriptPairAsync(signal);
            var entry = new Sent(n, signal);
            sent.Add(entry);
            clients.Add(SendUntilAnsweredAsync(rig.Gateway, entry));
            try { await Task.Delay(Pace, stop); }
            catch (OperationCanceledException) { break; }
        }
        return clients;
    }

    private static async Task SendUntilAnsweredAsync(GatewayClient gateway, Sent entry)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            entry.Tries++;
            entry.Answer = await gateway.PostAsync(entry.Signal);
            if (entry.Answer.Answered && entry.Answer.Decision != "unknown") return;
            if (clock.Elapsed > RetryFor) return;
            await Task.Delay(RetryEvery);
        }
    }

    private sealed class Sent(int number, TestSignal signal)
    {
        public int Number { get; } = number;
        public TestSignal Signal { get; } = signal;
        public int Tries { get; set; }
        public GatewayAnswer? Answer { get; set; }
    }
}
