using BetExecutor.Cluster.Tests.Support;
using BetExecutor.Domain.Identities;
using Xunit.Abstractions;

namespace BetExecutor.Cluster.Tests;

/// <summary>
/// Issue 10, 6a: one identity, signals sent at the same moment through two gateway nodes (each its own shard region
/// proxy) to three executors. Whatever node a request enters by, the identity has one writer: the same signal
/// executes once, and of different signals one pair executes at a time. Judged from the venue's book.
/// </summary>
public sealed class ConcurrentSignalsTests(ITestOutputHelper output)
{
    private const int Rounds = 2;
    private const int SameSignalPerGateway = 3;
    private const int DifferentSignals = 6;

    [Fact]
    public async Task Signals_for_one_identity_sent_at_once_through_two_gateways_execute_one_pair_at_a_time_and_a_signal_once()
    {
        await using var rig = await ClusterRig.StartAsync(output, executors: 3, gateways: 2);
        var identity = Identity.Create("bookie", "brand1", "racer");
        var executed = new List<TestSignal>();
        var sentIds = new List<TestSignal>();

        for (var round = 0; round < Rounds; round++)
        {
            var same = new TestSignal($"same-{round}", identity);
            var different = Enumerable.Range(0, DifferentSignals).Select(k => new TestSignal($"other-{round}-{k}", identity)).ToList();
            // The hedge's answer is held until the executor gives up on it (placement-timeout, 6 s) and finds it by
            // lookup: the first pair executes for seconds, and every other signal of the burst arrives meanwhile.
            foreach (var signal in different.Prepend(same)) await rig.ScriptPairAsync(signal, hedge: "timeout-placed");
            sentIds.AddRange(different.Prepend(same));

            var requests = Enumerable.Range(0, SameSignalPerGateway).SelectMany(_ => rig.Gateways.Select(g => (g, same)))
                .Concat(different.Select((s, k) => (g: rig.Gateways[k % rig.Gateways.Count], s)))
                .ToList();
            var start = new TaskCompletionSource();
            var posts = requests.Select(async r =>
            {
                await start.Task;
                return (r.Item2, r.g.Name, Answer: await r.g.PostAsync(r.Item2));
            }).ToList();
            start.SetResult();
            var answers = await Task.WhenAll(posts);

            foreach (var (signal, gateway, answer) in answers) output.WriteLine($"round {round}: {signal.SignalId} via {gateway}: {answer}");
            Assert.All(answers, a => Assert.True(a.Answer.Answered, $"{a.Item1} via {a.Name}: {a.Answer}"));
            var executedNow = answers.Where(a => a.Answer.Decision == "executed").Select(a => a.Item1).ToList();
            Assert.True(executedNow.Count == 1,
                $"round {round}: {executedNow.Count} answers 'executed' ({string.Join(", ", executedNow)}); one pair executes at a time, and the burst arrived while the first one executed");
            Assert.All(answers.Where(a => a.Item1 == same), a => Assert.Contains(a.Answer.Decision, new[] { "executed", "duplicate", "rejected" }));
            Assert.True(answers.Count(a => a.Item1 == same && a.Answer.Decision != "duplicate") == 1,
                $"round {round}: the same signal sent {SameSignalPerGateway * 2} times was decided more than once: {string.Join(" | ", answers.Where(a => a.Item1 == same).Select(a => a.Answer))}");
            executed.Add(executedNow[0]);

            // The next round starts once this pair is over: it must not be rejected for this one still executing.
            var final = await rig.FinalStateAsync(executedNow[0], TimeSpan.FromSeconds(60));
            Assert.Equal("settled", final.PairState);
        }

        var book = await rig.BookAsync();
        Assert.Empty(book.Violations());
        Assert.Equal(Rounds, book.Positives(identity.Key).Count);
        foreach (var signal in sentIds)
        {
            var expected = executed.Contains(signal) ? 1 : 0;
            Assert.True(book.Attempts(signal.PositiveReference) == expected, $"{signal}: positive placed {book.Attempts(signal.PositiveReference)} times, expected {expected}");
            Assert.True(book.Requests(signal.HedgeReference) == expected, $"{signal}: hedge sent {book.Requests(signal.HedgeReference)} times, expected {expected}");
        }
        output.WriteLine($"{Rounds} rounds of {SameSignalPerGateway * 2 + DifferentSignals} requests through 2 gateways: {book.Positives(identity.Key).Count} pairs at the venue, none overlapping");
        rig.Passed = true;
    }
}
