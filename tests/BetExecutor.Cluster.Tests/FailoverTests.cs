using System.Diagnostics;
using BetExecutor.Cluster.Tests.Support;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.LocalCluster;
using Xunit.Abstractions;

namespace BetExecutor.Cluster.Tests;

/// <summary>
/// Issue 10, 6b: SIGKILL of the executor hosting an identity in the middle of a pair, once after the positive is
/// placed and before the hedge is confirmed, and once while the pair polls settlement. The identity moves to another
/// executor, the pair resumes from its events in Redis, no leg reaches the venue twice, and the pair ends final.
/// Prints the failover time: from the kill to the first answer about the identity through the gateway.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Killing_the_host_of_an_identity_mid_pair_moves_the_identity_and_the_pair_ends_with_each_leg_placed_once()
    {
        await using var rig = await ClusterRig.StartAsync(output, executors: 3, gateways: 1);

        // 1. Mid-hedge: the venue takes the hedge but holds its answer, so the pair waits for it when its host dies.
        var midHedge = new TestSignal("mid-hedge-1", Identity.Create("bookie", "brand1", "failover-a"));
        await rig.ScriptPairAsync(midHedge, hedge: "timeout-placed");
        await SendAsync(rig, midHedge);
        await rig.UntilAsync(async () => (await rig.BookAsync()) is var book && book.Holds(midHedge.PositiveReference) && book.Requests(midHedge.HedgeReference) > 0,
            Within, $"{midHedge}: positive held and hedge sent");
        var failover1 = await KillHostAndMeasureAsync(rig, midHedge);
        await AssertEndsOnceAsync(rig, midHedge, failover1.Killed);

        // (The killed executor stays down: the second failover is to the last executor standing.)

        // 2. While polling settlement: both legs held, the venue answers "pending" until the test settles them.
        var polling = new TestSignal("polling-1", Identity.Create("bookie", "brand1", "failover-b"));
        await rig.ScriptPairAsync(polling, positiveSettles: SettlementState.Pending, hedgeSettles: SettlementState.Pending);
        await SendAsync(rig, polling);
        await rig.UntilAsync(async () => (await rig.BookAsync()) is var book && book.Holds(polling.PositiveReference) && book.Holds(polling.HedgeReference),
            Within, $"{polling}: both legs held");
        Assert.Equal("in-flight", (await rig.StateAsync(polling, Within)).PairState);
        var failover2 = await KillHostAndMeasureAsync(rig, polling);
        Assert.Equal("in-flight", (await rig.StateAsync(polling, Within)).PairState);
        await rig.ScriptPairAsync(polling); // the venue settles both legs now: won and lost
        await AssertEndsOnceAsync(rig, polling, failover2.Killed);

        var all = await rig.BookAsync();
        Assert.Empty(all.Violations());
        output.WriteLine($"failover time (SIGKILL of the host -> the identity answers through the gateway): mid-hedge {failover1.Time.TotalSeconds:0.0} s, polling {failover2.Time.TotalSeconds:0.0} s");
        rig.Passed = true;
    }

    private static async Task SendAsync(ClusterRig rig, TestSignal signal)
    {
        var answer = await rig.Gateway.PostAsync(signal);
        Assert.True(answer is { Answered: true, Decision: "executed" }, $"{signal}: {answer}");
    }

    private async Task<(ClusterNode Killed, TimeSpan Time)> KillHostAndMeasureAsync(ClusterRig rig, TestSignal signal)
    {
        var host = rig.HostOf(signal) ?? throw new InvalidOperationException($"no executor's log names {signal}");
        var book = await rig.BookAsync();
        output.WriteLine($"{signal}: SIGKILL {host} (positive held: {book.Holds(signal.PositiveReference)}, hedge requests: {book.Requests(signal.HedgeReference)}, hedge held: {book.Holds(signal.HedgeReference)})");
        var clock = Stopwatch.StartNew();
        await host.Process.KillAsync();
        await rig.UntilAsync(async () => await rig.Gateway.GetAsync(signal) is not null, Within, $"{signal}: the identity answers again after its host was killed");
        var time = clock.Elapsed;
        output.WriteLine($"{signal}: the identity answers again {time.TotalSeconds:0.0} s after the kill");
        return (host, time);
    }

    /// <summary>The pair ends settled, finished by another executor (its log names the pair), each leg placed once.</summary>
    private async Task AssertEndsOnceAsync(ClusterRig rig, TestSignal signal, ClusterNode killed)
    {
        var final = await rig.FinalStateAsync(signal, Within);
        var book = await rig.BookAsync();
        var finisher = rig.HostOf(signal);
        output.WriteLine($"{signal}: {final} on {finisher?.ToString() ?? "?"}; positive attempts {book.Attempts(signal.PositiveReference)}, hedge attempts {book.Attempts(signal.HedgeReference)}");
        Assert.NotNull(finisher);
        Assert.NotEqual(killed.Name, finisher.Name);
        Assert.Equal("settled", final.PairState);
        Assert.Equal(1, book.Attempts(signal.PositiveReference));
        Assert.Equal(1, book.Attempts(signal.HedgeReference));
        Assert.True(book.Holds(signal.HedgeReference), $"{signal}: the venue holds no hedge");
    }
}
