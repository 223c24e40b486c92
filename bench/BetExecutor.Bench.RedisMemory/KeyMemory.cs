using StackExchange.Redis;

namespace BetExecutor.Bench.RedisMemory;

/// <summary>MEMORY USAGE of every key of a run, by kind: what Redis really spends, overhead included.</summary>
internal sealed record KeyMemory(long AccountEvents, long PairEvents, long Snapshots, long Highest, long EpochStamps, long Other, int Keys, long AccountEventCount, long PairEventCount, long SnapshotCount)
{
    /// <summary>Of <see cref="Snapshots"/>: the pairs' (their keys and payloads).</summary>
    public long PairSnapshots { get; init; }

    public long PairSnapshotCount { get; init; }

    /// <summary>Of <see cref="Other"/>: retention's own index of ids with events coming of age (retention:due).</summary>
    public long RetentionDue { get; init; }

    public long AccountBytes => AccountEvents + Snapshots + Highest / 2;

    /// <summary>Everything but the storage epoch's per-slot stamps, a fixed ~1.5 MB per deployment.</summary>
    public long PerRunBytes => AccountEvents + PairEvents + Snapshots + Highest + Other;

    public double PerPair(int pairs) => PerRunBytes / (double)pairs;

    public void Print(string title, int pairs)
    {
        Console.WriteLine();
        Console.WriteLine($"{title}: {Keys:N0} keys");
        Console.WriteLine($"  account events     {AccountEvents,12:N0} B ({AccountEventCount:N0} events)");
        Console.WriteLine($"  pair events        {PairEvents,12:N0} B ({PairEventCount:N0} events)");
        Console.WriteLine($"  snapshots          {Snapshots,12:N0} B ({SnapshotCount:N0} snapshots, of which pairs' {PairSnapshots:N0} B, {PairSnapshotCount:N0})");
        Console.WriteLine($"  highest seq keys   {Highest,12:N0} B");
        Console.WriteLine($"  other              {Other,12:N0} B (of which retention:due {RetentionDue:N0} B)");
        Console.WriteLine($"  epoch stamps       {EpochStamps,12:N0} B (fixed, not per pair)");
        Console.WriteLine($"  per pair           {PerPair(pairs),12:N0} B");
    }

    public static async Task<KeyMemory> MeasureAsync(string connectionString, string prefix)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var db = connection.GetDatabase();
        long accountEvents = 0, pairEvents = 0, snapshots = 0, highest = 0, stamps = 0, other = 0, pairSnapshots = 0, pairSnapshotCount = 0, due = 0;
        var keys = 0;
        long accountCount = 0, pairCount = 0, snapshotCount = 0;
        await foreach (var key in server.KeysAsync(pattern: prefix + "*", pageSize: 1000))
        {
            keys++;
            var bytes = (long)await db.ExecuteAsync("MEMORY", "USAGE", key, "SAMPLES", "0");
            var name = key.ToString()[prefix.Length..];
            if (name.StartsWith("storage-epoch", StringComparison.Ordinal)) stamps += bytes;
            else if (name.EndsWith(":highestSequenceNr", StringComparison.Ordinal)) highest += bytes;
            else if (name.StartsWith("journal:persisted:{account/", StringComparison.Ordinal))
            {
                accountEvents += bytes;
                accountCount += await db.SortedSetLengthAsync(key);
            }
            else if (name.StartsWith("journal:persisted:{pair/", StringComparison.Ordinal))
            {
                pairEvents += bytes;
                pairCount += await db.SortedSetLengthAsync(key);
            }
            else if (name.StartsWith("snapshot:", StringComparison.Ordinal))
            {
                snapshots += bytes;
                var pair = name.StartsWith("snapshot:{pair/", StringComparison.Ordinal);
                if (pair) pairSnapshots += bytes;
                if (!name.EndsWith(":data", StringComparison.Ordinal) && !name.EndsWith(":timestamps", StringComparison.Ordinal))
                {
                    var count = await db.SortedSetLengthAsync(key);
                    snapshotCount += count;
                    if (pair) pairSnapshotCount += count;
                }
            }
            else
            {
                other += bytes; // Cluster Sharding's own coordinator and shard journals, retention's index
                if (name == "retention:due") due += bytes;
            }
        }
        return new KeyMemory(accountEvents, pairEvents, snapshots, highest, stamps, other, keys, accountCount, pairCount, snapshotCount)
        {
            PairSnapshots = pairSnapshots, PairSnapshotCount = pairSnapshotCount, RetentionDue = due,
        };
    }
}
