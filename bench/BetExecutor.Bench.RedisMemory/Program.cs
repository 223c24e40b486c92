// Redis bytes per executed pair, through the real executor (an embedded node on a virtual clock, the venue simulator),
// projected to 10,000 identities x 50 pairs a day x 90 days, without retention and with the plugin's own retention.
//   dotnet run -c Release --project bench/BetExecutor.Bench.RedisMemory -- [--identities N] [--pairs N]
using System.Globalization;
using Akka.Configuration;
using BetExecutor.Actors;
using BetExecutor.Bench.Persistence;
using BetExecutor.Bench.RedisMemory;
using BetExecutor.Persistence.Redis.Retention;
using BetExecutor.Simulation;
using Serilog.Core;
using StackExchange.Redis;

var identities = Option("--identities", 10);
var pairsPerIdentity = Option("--pairs", 30);
// Run 3's signal-id window: shorter than the run (one round is about 2 virtual hours), so forgetting shows in it.
var runWindow = TimeSpan.FromHours(Option("--window-hours", 24));

await using var redis = await LocalRedisServer.StartAsync();
var connection = $"127.0.0.1:{redis.Port}";
var start = new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
var shipped = ExecutorSettings.Default("memory-bench");
// Runs 1 and 2 remember every signal id (signal-id-window = off), to measure what one remembered id costs; run 3 runs
// with the shipped window.
var settings = shipped with { Account = shipped.Account with { SignalIdWindow = null } };
var pairs = identities * pairsPerIdentity;
var archive = Directory.CreateTempSubdirectory("betexec-memory-bench-").FullName;

// Run 1: no retention. Every pair takes its snapshot when it ends; nothing is deleted.
await RunAsync("memory:", swept: false, hocon: null, settings);
var before = await KeyMemory.MeasureAsync(connection, "memory:");
Console.WriteLine($"{pairs} pairs ({identities} identities x {pairsPerIdentity}), account snapshot every {settings.AccountSnapshotEvery} events");
before.Print("run 1, no retention (as written)", pairs);

// Run 2: the same day with retention.keep-events-for = 0s: each snapshot archives and deletes the events it covers
// (nothing is open at the end of a round), and the sweep forgets each finished pair once its events are gone.
await RunAsync("retained:", swept: true, ConfigurationFactory.ParseString($$"""
    akka.persistence.snapshot-store.redis.retention {
      keep-events-for = 0s
      archive-directory = "{{archive}}"
      sweep-interval = 1s
    }
    """), settings);
var after = await KeyMemory.MeasureAsync(connection, "retained:");
after.Print("run 2, retention keep-events-for = 0s, after the sweep", pairs);
var archived = await EventArchive.ReadAsync(archive);
Console.WriteLine($"  archived           {archived.Count,12:N0} events ({archived.Select(a => a.PersistenceId).Distinct().Count():N0} persistence ids), " +
                  $"{Directory.GetFiles(archive).Sum(f => new FileInfo(f).Length):N0} B on disk");

// Run 3: as run 2, with a signal-id window shorter than the run (the shipped 7d would need weeks of virtual time), so
// each account has reached the state it keeps for good: the ids of the last window only.
var windowArchive = Directory.CreateTempSubdirectory("betexec-memory-bench-").FullName;
var windowed = await RunAsync("windowed:", swept: true, ConfigurationFactory.ParseString($$"""
    akka.persistence.snapshot-store.redis.retention {
      keep-events-for = 0s
      archive-directory = "{{windowArchive}}"
      sweep-interval = 1s
    }
    """), shipped with { Account = shipped.Account with { SignalIdWindow = runWindow } });
var afterWindow = await KeyMemory.MeasureAsync(connection, "windowed:");
afterWindow.Print($"run 3, as run 2 with signal-id-window = {runWindow.TotalHours}h (virtual time spanned: {windowed.Spanned.TotalDays:F1} days)", pairs);
Console.WriteLine($"  signal ids remembered at the end: {windowed.Remembered:N0} ({windowed.Remembered / (double)identities:F1} per identity)");
Directory.Delete(windowArchive, recursive: true);
Directory.Delete(archive, recursive: true);

const long days = 90, pairsPerDay = 10_000L * 50;
const long projectedPairs = pairsPerDay * days;
var perPair = before.PerPair(pairs);
// What is left per identity after retention: its newest snapshot and the events since (at most account-snapshot-every).
// The snapshot grows with every signal id the account remembers (all of them, for now): its size per remembered signal
// is taken from this run's account snapshots (about one signal per 3 account events) and extrapolated to 90 days' 4,500.
var accountSnapshots = after.Snapshots - after.PairSnapshots;
var signalsInSnapshots = await SignalsCoveredByAccountSnapshotsAsync("retained:");
var perRememberedSignal = accountSnapshots / signalsInSnapshots;
var accountEventsPerIdentity = (after.AccountEvents + after.Highest) / (double)identities;
var accountAt90Days = perRememberedSignal * 50 * days + accountEventsPerIdentity;
Console.WriteLine();
Console.WriteLine($"account snapshots after retention: {accountSnapshots:N0} B for {signalsInSnapshots:N0} remembered signals = {perRememberedSignal:N0} B per signal id remembered");
Console.WriteLine($"projection for 10,000 identities x 50 pairs/day x 90 days = {projectedPairs:N0} pairs:");
Console.WriteLine($"  no retention:                       {Gib(perPair * projectedPairs)}");
foreach (var keep in new[] { 30, 7, 1 })
    Console.WriteLine($"  retention, keep-events-for = {keep,2}d:   {Gib(perPair * pairsPerDay * keep + accountAt90Days * 10_000)} " +
                      $"(the last {keep} days' pairs whole, plus each identity's state)");
Console.WriteLine($"  retention, keep-events-for = 0s:    {Gib(accountAt90Days * 10_000)} (each identity's state only: " +
                  $"{accountAt90Days:N0} B after 90 days, of which {accountEventsPerIdentity:N0} B events since its snapshot)");
Console.WriteLine($"  of which remembered signal ids:     {Gib(perRememberedSignal * 50 * days * 10_000)} (grows by {Gib(perRememberedSignal * pairsPerDay)} a day for as long as ids are never forgotten)");
// With the window an identity remembers about window x 50 ids, whatever the age of the deployment.
var windowDays = Math.Min(days, shipped.Account.SignalIdWindow!.Value.TotalDays);
var accountWithWindow = perRememberedSignal * 50 * windowDays + accountEventsPerIdentity;
Console.WriteLine($"with signal-id-window = {windowDays}d (each identity remembers ~{50 * windowDays:N0} ids; no longer grows after {windowDays} days):");
foreach (var keep in new[] { 30, 7, 1 })
    Console.WriteLine($"  retention, keep-events-for = {keep,2}d:   {Gib(perPair * pairsPerDay * keep + accountWithWindow * 10_000)}");
Console.WriteLine($"  retention, keep-events-for = 0s:    {Gib(accountWithWindow * 10_000)} (projected from run 2's bytes per id)");
var measuredPerIdentity = afterWindow.PerRunBytes / (double)identities;
// The bench sends about 12 signals a day per identity (one round is ~2 virtual hours), not 50: run 3 checks that ids
// are forgotten and what an identity then costs; the projection above scales run 2's bytes per id to 50 a day.
Console.WriteLine($"  run 3 measured: {measuredPerIdentity:N0} B per identity holding {windowed.Remembered / (double)identities:F1} ids after {windowed.Spanned.TotalDays:F1} days " +
                  $"(run 2, every id kept: {after.PerRunBytes / (double)identities:N0} B per identity)");

return;

async Task<(TimeSpan Spanned, int Remembered)> RunAsync(string prefix, bool swept, Config? hocon, ExecutorSettings runSettings)
{
    await using var simulation = await ExecutorSimulation.StartAsync(start, seed: 7, runSettings, Logger.None, connection, redisKeyPrefix: prefix, hocon: hocon);
    var answers = await PairRun.ExecuteAsync(simulation, identities, pairsPerIdentity);
    Console.WriteLine($"{prefix} signals answered: " + string.Join(", ", answers.Select(a => $"{a.Key} x{a.Value}")));
    var remembered = 0;
    foreach (var account in PairRun.Accounts(identities)) remembered += (await simulation.StatusAsync(account)).SignalsSeen;
    // The node's snapshot store runs the sweep: wait for it before the node stops.
    if (swept) await UntilSweptAsync(prefix);
    return (simulation.Clock.UtcNow - start, remembered);
}

// The sweep runs every second on the real clock: wait until no pair is left to forget (bounded).
async Task UntilSweptAsync(string prefix)
{
    await using var redisConnection = await ConnectionMultiplexer.ConnectAsync(connection);
    var server = redisConnection.GetServer(redisConnection.GetEndPoints()[0]);
    for (var i = 0; i < 600; i++)
    {
        var left = 0;
        await foreach (var _ in server.KeysAsync(pattern: prefix + "snapshot:{pair/*", pageSize: 1000)) left++;
        if (left == 0) return;
        await Task.Delay(100);
    }
    Console.WriteLine("warning: finished pairs were still not forgotten after 60 s");
}

// Each account snapshot's sequence number over 3 (an accepted pair is three account events: accepted, hedged, finished).
async Task<double> SignalsCoveredByAccountSnapshotsAsync(string prefix)
{
    await using var redisConnection = await ConnectionMultiplexer.ConnectAsync(connection);
    var server = redisConnection.GetServer(redisConnection.GetEndPoints()[0]);
    var db = redisConnection.GetDatabase();
    double signals = 0;
    await foreach (var index in server.KeysAsync(pattern: prefix + "snapshot:{account/*}", pageSize: 1000))
        foreach (var entry in await db.SortedSetRangeByRankWithScoresAsync(index)) signals += entry.Score / 3;
    return signals;
}

static string Gib(double bytes) => $"{bytes / (1L << 30):F1} GiB";

int Option(string name, int fallback)
{
    var value = args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    return value is null ? fallback : int.Parse(value, CultureInfo.InvariantCulture);
}
