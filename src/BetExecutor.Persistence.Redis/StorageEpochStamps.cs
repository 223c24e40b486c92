using StackExchange.Redis;

namespace BetExecutor.Persistence.Redis;

/// <summary>
/// The storage epoch and its per-slot copies (<see cref="RedisKeys.EpochStamp"/>). The epoch key is created first (one
/// atomic SET-if-absent, so concurrent starters agree on one value); its creator then stamps every slot, the epoch
/// key's own slot last, so that stamp says "all stamped". Everyone else waits for that stamp. A Redis Cluster shard
/// that loses its data loses its stamps, so appends and recoveries in its slots find the storage lost.
/// </summary>
internal sealed class StorageEpochStamps(IDatabase db, RedisKeys keys)
{
    private static readonly string InitScript = EmbeddedResources.Script("epoch-init");

    // Another starter that created the epoch needs a few hundred milliseconds to stamp every slot.
    private static readonly TimeSpan StampingPatience = TimeSpan.FromSeconds(10);

    private int EpochSlot => ClusterSlot.Of(keys.Epoch.ToString());

    /// <summary>The epoch Redis holds, created and stamped when there is none.</summary>
    /// <exception cref="Journal.StorageLostException">the stamps say part of the storage lost its data.</exception>
    public async Task<(string Epoch, bool Created)> ResolveAsync(CancellationToken cancellationToken = default)
    {
        var reply = (RedisResult[])(await db.ScriptEvaluateAsync(InitScript, [keys.Epoch], [Guid.NewGuid().ToString("N")]).ConfigureAwait(false))!;
        var epoch = (string)reply[1]!;
        if ((int)reply[0] == 1)
        {
            // A new epoch key over stamps of an older one: the shard that held the epoch key lost its data.
            var (missing, foreign, found) = await CompareAsync(epoch).ConfigureAwait(false);
            if (missing < ClusterSlot.Count)
            {
                await db.KeyDeleteAsync(keys.Epoch, CommandFlags.None).ConfigureAwait(false);
                throw new Journal.StorageLostException($"the storage epoch key {keys.Epoch} was gone while {foreign} slots still hold stamps of epoch {found}: part of the storage lost its data");
            }
            await StampAsync(epoch, overwrite: false).ConfigureAwait(false);
            return (epoch, true);
        }

        // A bound on waiting for another writer's stamps, not a reading of the time: elapsed time only.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var last = (string?)await db.StringGetAsync(keys.EpochStamp(EpochSlot)).ConfigureAwait(false);
            if (last == epoch) return (epoch, false);
            if (last is not null) throw new Journal.StorageLostException($"slot stamp {keys.EpochStamp(EpochSlot)} holds epoch {last}, not {epoch}");
            if (waited.Elapsed > StampingPatience) break;
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        // Whoever created the epoch stopped before stamping every slot (or the storage predates the stamps): finish it.
        await StampAsync(epoch, overwrite: false).ConfigureAwait(false);
        return (epoch, false);
    }

    /// <summary>How many slots have no stamp, how many another epoch's (and one such epoch).</summary>
    public async Task<(int Missing, int Foreign, string? ForeignEpoch)> CompareAsync(string epoch)
    {
        var reads = Enumerable.Range(0, ClusterSlot.Count).Select(slot => db.StringGetAsync(keys.EpochStamp(slot))).ToArray();
        var values = await Task.WhenAll(reads).ConfigureAwait(false);
        var missing = values.Count(v => v.IsNull);
        var foreign = values.Where(v => !v.IsNull && v != epoch).ToArray();
        return (missing, foreign.Length, foreign.Length > 0 ? (string?)foreign[0] : null);
    }

    /// <summary>Every slot stamped with <paramref name="epoch"/>, the epoch key's own slot last.</summary>
    public async Task StampAsync(string epoch, bool overwrite)
    {
        var when = overwrite ? When.Always : When.NotExists;
        var writes = Enumerable.Range(0, ClusterSlot.Count).Where(slot => slot != EpochSlot)
            .Select(slot => db.StringSetAsync(keys.EpochStamp(slot), epoch, when: when)).ToArray();
        await Task.WhenAll(writes).ConfigureAwait(false);
        await db.StringSetAsync(keys.EpochStamp(EpochSlot), epoch, when: when).ConfigureAwait(false);
    }
}
