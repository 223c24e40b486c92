using System.Diagnostics;
using System.Text.RegularExpressions;
using BetExecutor.Cluster.Tests.Support;
using BetExecutor.Domain.Identities;
using BetExecutor.LocalCluster;
using Xunit.Abstractions;

namespace BetExecutor.Cluster.Tests;

/// <summary>
/// Issue 10, 6c: the executor hosting an identity is paused (SIGSTOP) while its positive's answer is outstanding, long
/// enough for the others to find it unreachable, down it (split-brain resolver) and move the identity, whose pair
/// the new host finishes. Then it is woken (SIGCONT) with the pair still running in its memory: it must place
/// nothing more, because its shard lease is lost or its journal appends are fenced. Judged from the venue's book.
/// </summary>
public sealed partial class PauseTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);

    /// <summary>
    /// How long the woken node is watched. Everything it would do for the pair it woke with is due at once: the
    /// positive's placement timeout (6 s) ran out while it slept, so it would look the positive up (0.2 s) and hedge.
    /// </summary>
    private static readonly TimeSpan WatchAfterWaking = TimeSpan.FromSeconds(10);

    [GeneratedRegex(@"Append to .* fenced off")]
    private static partial Regex FencedAppend();

    [GeneratedRegex(@"Lease .* lost by")]
    private static partial Regex LeaseLost();

    [Fact]
    public async Task A_host_paused_past_the_failure_detector_and_the_downing_decision_places_nothing_after_it_wakes()
    {
        await using var rig = await ClusterRig.StartAsync(output, executors: 3, gateways: 1);
        var signal = new TestSignal("paused-1", Identity.Create("bookie", "brand1", "sleeper"));
        // The venue takes the positive and holds its answer: the host is paused waiting for it.
        await rig.ScriptPairAsync(signal, positive: "timeout-placed");
        var answer = await rig.Gateway.PostAsync(signal);
        Assert.True(answer is { Answered: true, Decision: "executed" }, $"{signal}: {answer}");
        await rig.UntilAsync(async () => (await rig.BookAsync()).Requests(signal.PositiveReference) > 0, Within, $"{signal}: positive sent");

        var host = rig.HostOf(signal) ?? throw new InvalidOperationException($"no executor's log names {signal}");
        Assert.True(host.Process.Signal(PosixSignal.Stop), $"SIGSTOP {host}");
        var paused = Stopwatch.StartNew();
        output.WriteLine($"{signal}: SIGSTOP {host}");
        // Another executor takes the identity over (after downing and the lease's expiry) and finishes the pair. A
        // failure here leaves the host paused: the rig's disposal wakes it (SIGCONT) before stopping it.
        var final = await rig.FinalStateAsync(signal, Within);
        output.WriteLine($"{signal}: {final} after {paused.Elapsed.TotalSeconds:0.0} s with its first host paused");
        Assert.Equal("settled", final.PairState);

        var before = await rig.BookAsync();
        var logBefore = host.Process.ReadLog().Length;
        Assert.True(host.Process.Signal(PosixSignal.Continue), $"SIGCONT {host}");
        output.WriteLine($"{signal}: SIGCONT {host} after {paused.Elapsed.TotalSeconds:0.0} s paused");
        await Task.Delay(WatchAfterWaking);

        var after = await rig.BookAsync();
        var woken = host.Process.ReadLog()[logBefore..];
        output.WriteLine($"{host} after waking: {FencedAppend().Count(woken)} fenced appends, {LeaseLost().Count(woken)} lease losses, " +
            $"process {(host.Process.IsRunning ? "still running" : "exited")}");
        Assert.Equal(before.Fingerprint(), after.Fingerprint());

        var book = await rig.BookAsync();
        Assert.Empty(book.Violations());
        Assert.Equal(1, book.Attempts(signal.PositiveReference));
        Assert.Equal(1, book.Attempts(signal.HedgeReference));
        rig.Passed = true;
    }
}
