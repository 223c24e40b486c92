using System.Diagnostics;
using StackExchange.Redis;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>
/// One Redis round trip as this process sees it: PING, one at a time, through StackExchange.Redis (the journal's client),
/// so it pays the same thread-pool hand-offs the journal's writes do and moves with the machine's load the same way.
/// </summary>
internal static class RedisPing
{
    public static async Task<Latencies> MeasureAsync(int port, int pings)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");
        var db = connection.GetDatabase();
        for (var i = 0; i < 200; i++) await db.PingAsync();
        var latencies = new Latencies();
        for (var i = 0; i < pings; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await db.PingAsync();
            latencies.Record(Stopwatch.GetElapsedTime(start));
        }
        return latencies;
    }
}
