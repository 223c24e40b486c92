using System.Diagnostics;
using BetExecutor.Actors;
using BetExecutor.Bench.Persistence;
using BetExecutor.Bench.RedisMemory;
using BetExecutor.Simulation;
using Serilog.Core;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>Every section of the table, in one process against one redis-server.</summary>
internal static class FullRun
{
    /// <summary>The burst; smaller only to try the harness out (--burst).</summary>
    public static int BurstSignals { get; set; } = 2_000;

    /// <summary>The identities at scale; smaller only to try the harness out (--identities).</summary>
    public static int ScaleIdentities { get; set; } = 10_000;

    public static async Task<Results> RunAsync()
    {
        var results = new Results();
        await using var redis = await LocalRedisServer.StartAsync();
        var connection = BenchNode.Redis(redis.Port);
        var total = Stopwatch.StartNew();

        Section("Redis round trips (redis-benchmark)");
        var single = await RedisBaseline.SetAsync(redis.Port, clients: 1, pipeline: 1, requests: 20_000);
        var pipelined = await RedisBaseline.SetAsync(redis.Port, clients: 16, pipeline: 16, requests: 400_000);
        results.Add("redis-benchmark SET, 1 connection", $"{single.RequestsPerSecond:N0} req/s, p50 {single.P50Ms:F3} ms, p99 {single.P99Ms:F3} ms", "baseline", null);
        results.Add("redis-benchmark SET, 16 connections × pipeline 16", $"{pipelined.RequestsPerSecond:N0} req/s", "baseline", null);
        var ping = await RedisPing.MeasureAsync(redis.Port, 2_000);
        results.Add("PING through StackExchange.Redis from this process, one at a time", ping.Summary(), "baseline", null);

        Section("Journal: 1,000 actors × 20 Persist");
        await CommandStats.ResetAsync(redis.Port);
        var (redisJournal, memoryJournal, official) = await JournalRuns.CompareAsync(redis.Port, actors: 1_000, eventsPerActor: 20, rounds: 3);
        results.Add("journal, 1,000 actors × 20 Persist (best of 3), vs the official Akka.Persistence.Redis",
            official > 0 ? $"{redisJournal / official:F2} × the official plugin ({redisJournal:N0} vs {official:N0} ev/s)" : "official plugin not given (--official-plugin DIR, bench/README.md)",
            "≥ 3 ×", official > 0 ? redisJournal / official >= 3 : null);
        results.Add("journal, 1,000 actors × 20 Persist (best of 3), vs Akka's in-memory journal",
            $"{redisJournal / memoryJournal:F2} × ({redisJournal:N0} vs {memoryJournal:N0} ev/s); = {redisJournal / single.RequestsPerSecond:F2} × 1-connection SET", "reference", null);
        results.Detail("what Redis ran during the journal figure (INFO commandstats): " +
            CommandStats.Describe(await CommandStats.ReadAsync(redis.Port), "evalsha", "eval", "multi", "exec", "zadd", "set", "get"));

        await Guarded(results, "Latency, Redis journal", async () =>
        {
            Latencies redisOne, redisOneHedge;
            double sustained;
            ExecutorRuns.Figures halfLoad;
            await using (var node = await BenchNode.StartAsync(connection, $"latency-{Guid.NewGuid():N}:"))
            {
                var runs = new ExecutorRuns(node);
                await runs.OneAtATimeAsync(300); // warm-up: JIT, connections, shards
                var cold = await runs.OneAtATimeAsync(300, warmAccounts: false);
                results.Add("signal → positive handed to venue, one at a time, the identity's first signal (its account starts), Redis", cold.SignalToPositive.Summary(), "reference", null);
                var one = await runs.OneAtATimeAsync(1_000);
                (redisOne, redisOneHedge) = (one.SignalToPositive, one.PositiveToHedge);
                var burst = await runs.BurstAsync(BurstSignals);
                sustained = burst.PairsPerSecond;
                halfLoad = await runs.FixedRateAsync(sustained / 2, TimeSpan.FromSeconds(5));
                Refusals(results, "latency, Redis", runs);
            }
            results.Add("signal → positive handed to venue, one at a time, account live, Redis", redisOne.Summary(), "p50 ≤ 0.3 ms", redisOne.PercentileMs(50) <= 0.3);
            results.Add($"signal → positive at half the sustained maximum ({sustained / 2:N0}/s offered, open loop, CO-corrected), Redis",
                halfLoad.SignalToPositive.Summary(), "p50 ≤ 0.3 ms, p99 ≤ 2 ms",
                halfLoad.SignalToPositive.PercentileMs(50) <= 0.3 && halfLoad.SignalToPositive.PercentileMs(99) <= 2);
            results.Add("positive accepted → hedge handed to venue, one at a time, Redis", redisOneHedge.Summary(), "p50 ≤ 0.3 ms, p99 ≤ 2 ms",
                redisOneHedge.PercentileMs(50) <= 0.3 && redisOneHedge.PercentileMs(99) <= 2);
            results.Add("positive accepted → hedge handed to venue, half the sustained maximum, Redis", halfLoad.PositiveToHedge.Summary(), "p50 ≤ 0.3 ms, p99 ≤ 2 ms",
                halfLoad.PositiveToHedge.PercentileMs(50) <= 0.3 && halfLoad.PositiveToHedge.PercentileMs(99) <= 2);
            results.Detail($"signal → positive p50 (account live, Redis) = {redisOne.PercentileMs(50) / ping.PercentileMs(50):F1} PING round trips of this process ({ping.PercentileMs(50):F3} ms) = {redisOne.PercentileMs(50) / single.P50Ms:F0} redis-benchmark round trips ({single.P50Ms:F3} ms)");

        });
        await Guarded(results, "Latency, in-memory journal", async () =>
        {
            await using (var node = await BenchNode.StartAsync(null, "memory:"))
            {
                var runs = new ExecutorRuns(node);
                await runs.OneAtATimeAsync(300);
                var one = await runs.OneAtATimeAsync(1_000);
                results.Add("signal → positive handed to venue, one at a time, in-memory journal", one.SignalToPositive.Summary(), "reference", null);
                results.Add("positive accepted → hedge handed to venue, one at a time, in-memory journal", one.PositiveToHedge.Summary(), "reference", null);
                var burst = await runs.BurstAsync(BurstSignals);
                results.Add($"pairs/s, burst of {BurstSignals:N0} signals (signal → hedge handed), in-memory journal", $"{burst.PairsPerSecond:N0}/s", "reference", null);
                var wide = await runs.BurstAsync(ScaleIdentities);
                results.Add($"pairs/s, burst of {ScaleIdentities:N0} signals across {ScaleIdentities:N0} identities, in-memory journal", $"{wide.PairsPerSecond:N0}/s", "≥ 10,000/s", wide.PairsPerSecond >= 10_000);
                Refusals(results, "in-memory journal", runs);
            }

        });
        await Guarded(results, "Throughput, memory and recovery, Redis journal", async () =>
        {
            var prefix = $"scale-{Guid.NewGuid():N}:";
            const string passivation = "bet-executor.account-idle-passivation = 2s";
            var pollEvery = TimeSpan.FromSeconds(5);
            var baseline = ScaleRuns.HeapBytes();
            var kickOff = DateTimeOffset.UtcNow.AddSeconds(90);
            int inFlight;
            long empty;
            await using (var node = await BenchNode.StartAsync(connection, prefix, hocon: passivation, pollInterval: pollEvery))
            {
                empty = ScaleRuns.HeapBytes();
                // The events start soon, so that once the venue settles the bets the pairs poll, finish and their accounts passivate.
                var runs = new ExecutorRuns(node) { KickOff = kickOff };
                var burst = await runs.BurstAsync(BurstSignals);
                results.Add($"pairs/s, burst of {BurstSignals:N0} signals (signal → hedge handed), Redis", $"{burst.PairsPerSecond:N0}/s (p99 signal → positive {burst.SignalToPositive.PercentileMs(99):F1} ms)", "reference", null);
                var wide = await runs.BurstAsync(ScaleIdentities);
                results.Add($"pairs/s, burst of {ScaleIdentities:N0} signals across {ScaleIdentities:N0} identities, Redis", $"{wide.PairsPerSecond:N0}/s", "≥ 10,000/s", wide.PairsPerSecond >= 10_000);
                Refusals(results, "scale, Redis", runs);
                inFlight = runs.SentSoFar;
                node.Venue.Forget(); // the bench's own timing records are not the node's memory
                var loaded = ScaleRuns.HeapBytes();
                var perIdentity = (loaded - empty) / (double)inFlight;
                results.Add("node memory per identity with one pair in flight", $"{perIdentity / 1024:F1} KiB ({inFlight:N0} identities, managed heap)", "≤ 15 KiB", perIdentity <= 15 * 1024);
                results.Detail($"heap: {baseline / 1048576.0:F0} MiB before any node, {empty / 1048576.0:F0} MiB with the node up and empty, {loaded / 1048576.0:F0} MiB with {inFlight:N0} pairs in flight");
            }

            var recovery = Stopwatch.StartNew();
            await using (var node = await BenchNode.StartAsync(connection, prefix, hocon: passivation, pollInterval: pollEvery))
            {
                var holding = await ScaleRuns.AllAnsweringAsync(node, inFlight);
                recovery.Stop();
                results.Add("recovery: node start → every identity with a pair in flight answering", $"{recovery.Elapsed.TotalSeconds:F2} s for {inFlight:N0} identities ({holding:N0} with their pair in flight)", "10,000 identities ≤ 3 s", holding >= 10_000 && recovery.Elapsed <= TimeSpan.FromSeconds(3));
                results.Detail($"recovery with Akka's default max-concurrent-recoveries = 50: {recovery.Elapsed.TotalSeconds:F2} s");
            }

            var withMore = Stopwatch.StartNew();
            await using (var node = await BenchNode.StartAsync(connection, prefix, hocon: passivation + "\nakka.persistence.max-concurrent-recoveries = 500", pollInterval: pollEvery))
            {
                try
                {
                    await ScaleRuns.AllAnsweringAsync(node, inFlight);
                    results.Detail($"the same recovery with max-concurrent-recoveries = 500: {withMore.Elapsed.TotalSeconds:F2} s");
                }
                catch (Akka.Actor.AskTimeoutException)
                {
                    results.Detail($"the same recovery with max-concurrent-recoveries = 500: not done after {withMore.Elapsed.TotalSeconds:F0} s");
                }
            }

            await using (var node = await BenchNode.StartAsync(connection, prefix, hocon: passivation, pollInterval: pollEvery))
            {
                await ScaleRuns.AllAnsweringAsync(node, inFlight);
                node.Venue.SettleFromNow();
                // Pairs poll their settlement only once their event started.
                if (kickOff > DateTimeOffset.UtcNow) await Task.Delay(kickOff - DateTimeOffset.UtcNow);
                var quiet = await ScaleRuns.UntilAllPassivatedAsync(node, TimeSpan.FromMinutes(2));
                var passivated = ScaleRuns.HeapBytes();
                var perPassivated = (passivated - empty) / (double)inFlight;
                results.Add("node memory per passivated identity", $"{perPassivated:F0} B ({inFlight:N0} identities settled and passivated)", "≤ 2 KiB", perPassivated <= 2048);
                results.Detail($"after the pairs settled, every account passivated within {quiet.TotalSeconds:F1} s of the kick-off; heap {passivated / 1048576.0:F1} MiB against {empty / 1048576.0:F1} MiB for the first node up and empty");
            }

        });
        await Guarded(results, "Redis bytes per executed pair", async () =>
        {
            const int memoryIdentities = 10, memoryRounds = 20;
            await using (var simulation = await ExecutorSimulation.StartAsync(new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero), seed: 7,
                ExecutorSettings.Default("memory-bench"), Logger.None, connection, redisKeyPrefix: "memory:"))
                await PairRun.ExecuteAsync(simulation, memoryIdentities, memoryRounds);
            var bytes = await KeyMemory.MeasureAsync(connection, "memory:");
            var perPair = bytes.PerPair(memoryIdentities * memoryRounds);
            results.Add("Redis memory per executed pair (MEMORY USAGE, no retention)", $"{perPair:N0} B ({memoryIdentities} identities × {memoryRounds} pairs; account events {bytes.AccountEvents / (double)(memoryIdentities * memoryRounds):N0} B, pair events {bytes.PairEvents / (double)(memoryIdentities * memoryRounds):N0} B)", "≤ 1.5 KB", perPair <= 1500);

        });
        await Guarded(results, "betexec simulate, cost per signal", async () =>
        {
            var (small, _) = await SimulateCost.RunAsync(1_000);
            var (large, _) = await SimulateCost.RunAsync(5_000);
            var (perSmall, perLarge) = (small.TotalMilliseconds / 1_000, large.TotalMilliseconds / 5_000);
            var marginal = (large - small).TotalMilliseconds / 4_000;
            results.Add("`betexec simulate` cost per signal, 1,000 → 5,000 signals", $"{perSmall:F2} → {perLarge:F2} ms (× {perLarge / perSmall:F2}); each of the 4,000 more signals {marginal:F2} ms",
                "flat (O(1) per signal): × ≤ 1.25", perLarge / perSmall <= 1.25);
            results.Detail($"simulate: {small.TotalSeconds:F1} s for 1,000 signals, {large.TotalSeconds:F1} s for 5,000 (each run also starts a node and runs virtual time until every timer is done)");
        });
        await Guarded(results, "Gateway HTTP ingress", async () =>
        {
            await using (var node = await BenchNode.StartAsync(connection, $"gateway-{Guid.NewGuid():N}:"))
            {
                await GatewayRun.RunAsync(node, signals: 100, concurrentSignals: 320, firstIdentity: 900_000); // warm-up
                var gateway = await GatewayRun.RunAsync(node, signals: 500, concurrentSignals: 3_200, firstIdentity: 100_000);
                results.Add("POST /signals → answer over HTTP, one at a time, Redis", gateway.Http.Summary(), "reference", null);
                results.Add("the same answer by an in-process Ask", gateway.InProcess.Summary(), "reference", null);
                results.Add("ingress cost (HTTP p50 − Ask p50)", $"{gateway.Http.PercentileMs(50) - gateway.InProcess.PercentileMs(50):F3} ms; 16 HTTP clients: {gateway.HttpPerSecond:N0} signals/s", "reference", null);
            }

        });

        results.Detail($"whole run: {total.Elapsed.TotalSeconds:F0} s");
        return results;
    }

    private static void Refusals(Results results, string run, ExecutorRuns runs)
    {
        if (runs.Refused > 0) results.Detail($"{run}: {runs.Refused} signals were refused (printed on standard error); pairs/s counts hedged pairs only");
    }

    /// <summary>
    /// One section of the run: a section that fails (a busy machine timing a start out) is written down as failed with
    /// its reason, and the run goes on, so RESULTS.md always shows every other figure.
    /// </summary>
    /// <summary>Runs only the sections whose title contains this (with the baseline and journal figures); all when null.</summary>
    public static string? Only { get; set; }

    private static async Task Guarded(Results results, string title, Func<Task> section)
    {
        if (Only is not null && !title.Contains(Only, StringComparison.OrdinalIgnoreCase)) return;
        Section(title);
        try
        {
            await section();
        }
        catch (Exception e)
        {
            results.Add(title, $"**failed**: {e.GetType().Name}: {e.Message.Split('\n')[0]}", "", false);
        }
    }

    private static void Section(string title) => Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {title}");
}
