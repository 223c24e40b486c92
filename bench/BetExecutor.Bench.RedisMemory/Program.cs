// Redis bytes per executed pair, through the real executor (an embedded node on a virtual clock, the venue simulator),
// projected to 10,000 identities x 50 pairs a day x 90 days, before and after retention.
//   dotnet run -c Release --project bench/BetExecutor.Bench.RedisMemory -- [--identities N] [--pairs N]
using System.Globalization;
using BetExecutor.Actors;
using BetExecutor.Bench.Persistence;
using BetExecutor.Bench.RedisMemory;
using BetExecutor.Simulation;
using Serilog.Core;

var identities = Option("--identities", 10);
var pairsPerIdentity = Option("--pairs", 30);

await using var redis = await LocalRedisServer.StartAsync();
var connection = $"127.0.0.1:{redis.Port}";
var start = new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
var settings = ExecutorSettings.Default("memory-bench");
var prefix = "memory:";
await using (var simulation = await ExecutorSimulation.StartAsync(start, seed: 7, settings, Logger.None, connection, redisKeyPrefix: prefix))
{
    var answers = await PairRun.ExecuteAsync(simulation, identities, pairsPerIdentity);
    Console.WriteLine("signals answered: " + string.Join(", ", answers.Select(a => $"{a.Key} x{a.Value}")));
}

var pairs = identities * pairsPerIdentity;
var before = await KeyMemory.MeasureAsync(connection, prefix);
Console.WriteLine($"{pairs} pairs ({identities} identities x {pairsPerIdentity}), account snapshot every {settings.AccountSnapshotEvery} events");
before.Print("as written (no retention)", pairs);

// What retention with keep-events-for = 0s leaves: every event an account snapshot covers is gone (the run ends with
// nothing open, so no account snapshot holds any: IRetentionHold), and pairs take no snapshots, so pair events stay.
await KeyMemory.DeleteEventsCoveredBySnapshotsAsync(connection, prefix);
var after = await KeyMemory.MeasureAsync(connection, prefix);
after.Print("after retention (account events behind the latest snapshot deleted)", pairs);

const long projectedPairs = 10_000L * 50 * 90;
Console.WriteLine();
Console.WriteLine($"projection for 10,000 identities x 50 pairs/day x 90 days = {projectedPairs:N0} pairs:");
Console.WriteLine($"  no retention:                         {Gib(before.PerPair(pairs) * projectedPairs)}");
Console.WriteLine($"  retention of account events:          {Gib(after.PerPair(pairs) * projectedPairs)}");
Console.WriteLine($"  retention of pair events too (bound): {Gib(after.AccountBytes / (double)identities * 10_000)} (account state per identity only; needs a final pair snapshot)");

return;

static string Gib(double bytes) => $"{bytes / (1L << 30):F1} GiB";

int Option(string name, int fallback)
{
    var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    return value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
}
