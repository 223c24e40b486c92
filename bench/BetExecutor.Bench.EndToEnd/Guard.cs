using BetExecutor.Bench.Persistence;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>
/// CI's regression guard (.ci/run): a short run that compares figures measured in the same run only, never an absolute
/// time, and fails when a ratio falls below a floor set well under what the code reaches (see bench/README.md), so a
/// slower hot path fails CI while a busy or slow machine does not.
/// </summary>
internal static class Guard
{
    /// <summary>Redis journal throughput as a share of Akka's in-memory journal, same harness, same run (reached: see bench/README.md).</summary>
    public const double JournalShareFloor = 0.03;

    /// <summary>
    /// Signal → positive p50 (one at a time, account live, Redis journal) in Redis round trips (PING from the same
    /// process, same run). The median, not p99: on a shared machine a p99 is mostly the neighbours' noise, while an extra
    /// round trip or an O(n) step on the path moves the median at once.
    /// </summary>
    public const double SignalToPositiveRoundTripsCeiling = 50;

    public static async Task<bool> RunAsync()
    {
        await using var redis = await LocalRedisServer.StartAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var ping = await RedisPing.MeasureAsync(redis.Port, 1_000);
        var (redisJournal, memoryJournal, _) = await JournalRuns.CompareAsync(redis.Port, actors: 200, eventsPerActor: 10, rounds: 2);
        var journalShare = redisJournal / memoryJournal;

        double p50, p99;
        await using (var node = await BenchNode.StartAsync(BenchNode.Redis(redis.Port), $"guard-{Guid.NewGuid():N}:"))
        {
            var runs = new ExecutorRuns(node);
            await runs.OneAtATimeAsync(100);
            var one = await runs.OneAtATimeAsync(300);
            (p50, p99) = (one.SignalToPositive.PercentileMs(50), one.SignalToPositive.PercentileMs(99));
        }
        var roundTrip = Math.Max(ping.PercentileMs(50), 0.001);
        var roundTrips = p50 / roundTrip;

        var journalOk = journalShare >= JournalShareFloor;
        var latencyOk = roundTrips <= SignalToPositiveRoundTripsCeiling;
        Console.WriteLine($"bench guard: Redis journal = {journalShare:F3} × in-memory ({redisJournal:N0} vs {memoryJournal:N0} ev/s), floor {JournalShareFloor}: {(journalOk ? "ok" : "FAILED")}");
        Console.WriteLine($"bench guard: signal → positive p50 = {roundTrips:F1} Redis round trips ({p50:F3} ms, p99 {p99:F3} ms; PING p50 {roundTrip:F3} ms), ceiling {SignalToPositiveRoundTripsCeiling}: {(latencyOk ? "ok" : "FAILED")}");
        Console.WriteLine($"bench guard: {(journalOk && latencyOk ? "passed" : "FAILED")} in {clock.Elapsed.TotalSeconds:F0} s");
        return journalOk && latencyOk;
    }
}
