using System.Globalization;
using StackExchange.Redis;

namespace BetExecutor.Persistence.Redis;

/// <summary>What a node found when it compared its own record of the storage with what Redis holds.</summary>
public abstract record StorageEpochCheck
{
    private StorageEpochCheck() { }

    /// <summary>The storage is the one this node knows (or it has adopted it): the journal checks every call against <paramref name="Epoch"/>.</summary>
    public sealed record Adopted(string Epoch, string Detail) : StorageEpochCheck;

    /// <summary>Redis no longer holds what this node wrote. The node must not execute until an operator adopts the storage.</summary>
    public sealed record Lost(string Detail) : StorageEpochCheck;
}

/// <summary>
/// Loss of storage across a restart. Redis holds a storage epoch (a random id created once, key
/// <c>&lt;prefix&gt;storage-epoch</c>); each node keeps the epoch it last wrote to in a file of its data directory. At
/// start the two are compared: a Redis without the epoch, or with another one, lost what this node wrote (FLUSHALL,
/// an instance replaced or restored from an old backup), and every identity would otherwise start again as new,
/// forgetting cooldowns, seen signal ids, exposures and pairs in flight. Only an explicit adoption by an operator
/// makes the node take the storage as it now is.
/// </summary>
public static class StorageEpoch
{
    public const string FileName = "storage-epoch";

    private static readonly string InitScript = EmbeddedResources.Script("epoch-init");

    public static async Task<StorageEpochCheck> CheckAsync(RedisPluginSettings settings, string dataDirectory, bool adopt, CancellationToken cancellationToken = default)
    {
        var file = Path.Combine(dataDirectory, FileName);
        var local = File.Exists(file) ? (await File.ReadAllTextAsync(file, cancellationToken).ConfigureAwait(false)).Trim() : null;
        var keys = new RedisKeys(settings.KeyPrefix);
        var options = RedisConnector.Options(settings);
        options.AbortOnConnectFail = true;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        var db = connection.GetDatabase(settings.Database);
        var stored = (string?)await db.StringGetAsync(keys.Epoch).ConfigureAwait(false);

        if (local is { Length: > 0 } && stored != local && !adopt)
        {
            return new StorageEpochCheck.Lost(stored is null
                ? $"Redis holds no storage epoch (key {keys.Epoch}) but this node last wrote to epoch {local} ({file}): Redis lost the data this node wrote"
                : $"Redis holds storage epoch {stored} (key {keys.Epoch}) but this node last wrote to epoch {local} ({file}): the storage was replaced");
        }

        var stamps = new StorageEpochStamps(db, keys);
        string epoch;
        string detail;
        if (adopt)
        {
            // The operator takes the storage as it is: the epoch Redis holds (a new one if none), stamped into every slot.
            var (resolved, created) = await ResolveOrCreateAsync(db, keys).ConfigureAwait(false);
            epoch = resolved;
            await stamps.StampAsync(epoch, overwrite: true).ConfigureAwait(false);
            detail = created ? $"storage adopted by an operator: epoch {epoch} created (this node had written to {local ?? "nothing"})"
                : local == epoch ? $"storage epoch {epoch} as last written, stamped again into every slot by an operator"
                : $"storage adopted by an operator: epoch {epoch} (this node had written to {local ?? "nothing"})";
        }
        else
        {
            try
            {
                (epoch, var created) = await stamps.ResolveAsync(cancellationToken).ConfigureAwait(false);
                detail = created ? $"new storage: epoch {epoch} created"
                    : local == epoch ? $"storage epoch {epoch} as last written"
                    : $"storage epoch {epoch} joined (no earlier record in {dataDirectory})";
            }
            catch (Journal.StorageLostException lost)
            {
                return new StorageEpochCheck.Lost(lost.Detail);
            }
            var (missing, foreign, found) = await stamps.CompareAsync(epoch).ConfigureAwait(false);
            if (missing + foreign > 0)
            {
                return new StorageEpochCheck.Lost(
                    $"storage epoch {epoch} is missing from {missing} of {ClusterSlot.Count} slots and replaced by {found ?? "nothing"} in {foreign}: " +
                    "a Redis Cluster shard (or keys of the storage) lost its data");
            }
        }
        if (local != epoch) await WriteAsync(dataDirectory, file, epoch, cancellationToken).ConfigureAwait(false);
        return new StorageEpochCheck.Adopted(epoch, detail);
    }

    private static async Task<(string Epoch, bool Created)> ResolveOrCreateAsync(IDatabase db, RedisKeys keys)
    {
        var reply = (RedisResult[])(await db.ScriptEvaluateAsync(InitScript, [keys.Epoch], [Guid.NewGuid().ToString("N")]).ConfigureAwait(false))!;
        return ((string)reply[1]!, (int)reply[0] == 1);
    }

    /// <summary>Written to a temporary file and moved over the old one, so a crash never leaves half an epoch.</summary>
    private static async Task WriteAsync(string dataDirectory, string file, string epoch, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        var temporary = file + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
        await File.WriteAllTextAsync(temporary, epoch + Environment.NewLine, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, file, overwrite: true);
    }
}
