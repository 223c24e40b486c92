using System.Diagnostics;
using BetExecutor.Bench.Persistence;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>Bursts of signals on the Redis journal (accounts cold, as in the throughput figure), for a profiler to watch.</summary>
internal static class ProfileRun
{
    public static async Task RunAsync(int bursts, TimeSpan holdFor = default)
    {
        await using var redis = await LocalRedisServer.StartAsync();
        await using var node = await BenchNode.StartAsync(BenchNode.Redis(redis.Port), $"profile-{Guid.NewGuid():N}:");
        var runs = new ExecutorRuns(node);
        await runs.OneAtATimeAsync(200);
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} warm; bursts start");
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < bursts; i++)
        {
            var burst = await runs.BurstAsync(2_000);
            Console.WriteLine($"burst {i + 1}: {burst.PairsPerSecond:N0} pairs/s, signal → positive {burst.SignalToPositive.Summary()}");
        }
        Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} done in {clock.Elapsed.TotalSeconds:F1} s");
        if (holdFor > TimeSpan.Zero)
        {
            // Every pair stays in flight (pending until kick-off): a heap snapshot now shows what one identity holds.
            Console.WriteLine($"holding {runs.SentSoFar:N0} identities in flight for {holdFor.TotalSeconds:F0} s (dotnet-gcdump collect -p {Environment.ProcessId})");
            await Task.Delay(holdFor);
        }
    }
}
