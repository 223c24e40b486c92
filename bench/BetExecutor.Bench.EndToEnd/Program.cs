// The end-to-end benchmark of issue 12: every figure of its table, each next to its limit, measured in one run.
//   dotnet run -c Release --project bench/BetExecutor.Bench.EndToEnd -- all      writes bench/RESULTS.md (about 5 minutes on 2 cores)
//   ... -- all --official-plugin DIR   also runs the journal harness on the official Akka.Persistence.Redis built in DIR (bench/README.md)
//   dotnet run -c Release --project bench/BetExecutor.Bench.EndToEnd -- guard    CI's regression guard: same-run ratios against floors (< 30 s)
//   dotnet run -c Release --project bench/BetExecutor.Bench.EndToEnd -- profile [bursts] [--hold S]   bursts of 2,000 signals on Redis,
//   for dotnet-trace; --hold keeps every pair in flight S seconds more, for dotnet-gcdump
// It starts its own redis-server on a free loopback port (no RDB, no AOF) and stops it at the end.
using BetExecutor.Bench.EndToEnd;

var mode = args.FirstOrDefault() ?? "";
if (args.SkipWhile(a => a != "--official-plugin").Skip(1).FirstOrDefault() is { } officialPlugin) OfficialPlugin.Use(officialPlugin);
switch (mode)
{
    case "all":
        if (IntOption("--burst") is { } burst) FullRun.BurstSignals = burst;
        if (IntOption("--identities") is { } identities) FullRun.ScaleIdentities = identities;
        FullRun.Only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        var output = args.SkipWhile(a => a != "--output").Skip(1).FirstOrDefault() ?? Path.Combine(RepositoryRoot(), "bench", "RESULTS.md");
        var results = await FullRun.RunAsync();
        await File.WriteAllTextAsync(output, results.Markdown("dotnet run -c Release --project bench/BetExecutor.Bench.EndToEnd -- all"));
        Console.WriteLine($"wrote {output}");
        return 0;
    case "guard":
        return await Guard.RunAsync() ? 0 : 1;
    case "journal":
        // The journal figure alone, with what Redis saw (INFO commandstats).
        await using (var redis = await BetExecutor.Bench.Persistence.LocalRedisServer.StartAsync())
        {
            await CommandStats.ResetAsync(redis.Port);
            var (onRedis, inMemory, official) = await JournalRuns.CompareAsync(redis.Port, actors: 1_000, eventsPerActor: 20, rounds: 3);
            Console.WriteLine($"Redis plugin {onRedis:N0} ev/s, in-memory {inMemory:N0} ev/s: {onRedis / inMemory:F2}; official plugin {official:N0} ev/s: {(official > 0 ? onRedis / official : double.NaN):F2}");
            Console.WriteLine(CommandStats.Describe(await CommandStats.ReadAsync(redis.Port), "eval", "evalsha", "script|load", "get", "zrangebyscore"));
        }
        return 0;
    case "simulate":
        // The simulate figure alone.
        foreach (var signals in new[] { 200, 1_000, 5_000 })
        {
            var (elapsed, _) = await SimulateCost.RunAsync(signals);
            Console.WriteLine($"{signals:N0} signals: {elapsed.TotalMilliseconds / signals:F2} ms per signal");
        }
        return 0;
    case "profile":
        // A steady stream of bursts on the Redis journal for a profiler to attach to (dotnet-trace collect -- ...).
        await ProfileRun.RunAsync(int.Parse(args.ElementAtOrDefault(1) ?? "4", System.Globalization.CultureInfo.InvariantCulture),
            TimeSpan.FromSeconds(IntOption("--hold") ?? 0));
        return 0;
    default:
        Console.Error.WriteLine("usage: dotnet run -c Release --project bench/BetExecutor.Bench.EndToEnd -- all [--output FILE] [--official-plugin DIR] | guard | journal [--official-plugin DIR] | profile [bursts]");
        return 2;
}

int? IntOption(string name) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        if (File.Exists(Path.Combine(dir.FullName, "BetExecutor.sln"))) return dir.FullName;
    return Directory.GetCurrentDirectory();
}
