using Akka.Actor;
using Akka.Coordination;
using Akka.Event;
using BetExecutor.Actors;
using BetExecutor.Actors.Accounts;
using BetExecutor.Coordination.Redis;
using BetExecutor.Persistence.Redis;
using StackExchange.Redis;

namespace BetExecutor.Node.Hosting;

/// <summary>
/// The node's shard lease: the Redis lease, except when Redis lost its data. A Redis that lost its data (FLUSHALL, a
/// new or restored instance) loses the lease keys too, so every shard would lose its lease at once, and Cluster
/// Sharding would stop every account with it: the accounts that must stay up, halted, answering from memory and
/// raising a storage-lost exposure for each pair in flight (docs/architecture.md, storage loss). A restarted shard could
/// not even start them, its remembered entities being in the lost storage. So a lost lease is checked against the
/// storage epoch first: gone or replaced, the node marks its storage lost (every account halts and writes nothing, and
/// the journal refuses every node's writes on that storage, so no second writer can place anything) and the shard
/// keeps its accounts. Any other loss goes to sharding as it is.
/// </summary>
public sealed class StorageAwareLease : Lease
{
    private readonly RedisLease _lease;
    private readonly ExtendedActorSystem _system;

    public StorageAwareLease(LeaseSettings settings, ExtendedActorSystem system) : base(settings)
    {
        _lease = new RedisLease(settings, system);
        _system = system;
    }

    public override bool CheckLease() => _lease.CheckLease();

    public override Task<bool> Acquire() => _lease.Acquire();

    public override Task<bool> Acquire(Action<Exception> leaseLostCallback) =>
        _lease.Acquire(leaseLostCallback is null ? null! : lost => _ = OnLostAsync(lost, leaseLostCallback));

    public override Task<bool> Release() => _lease.Release();

    private async Task OnLostAsync(Exception lost, Action<Exception> leaseLostCallback)
    {
        var watch = NodeStorageWatch.Get(_system);
        var log = Logging.GetLogger(_system, typeof(StorageAwareLease));
        string? cause = null;
        try
        {
            cause = await watch.StorageLostAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            log.Warning("Lease {0} lost; the storage epoch could not be checked ({1}): the shard stops", Settings.LeaseName, ex.GetBaseException().Message);
        }
        if (cause is null)
        {
            leaseLostCallback(lost);
            return;
        }
        log.Error("Lease {0} lost with the storage ({1}): the shard keeps its accounts, halted and running from memory", Settings.LeaseName, cause);
        watch.MarkLost(cause);
    }
}

/// <summary>What a <see cref="StorageAwareLease"/> needs to know of its node: where its storage epoch is, and how to mark it lost.</summary>
public sealed class NodeStorageWatch : IExtension
{
    private readonly ActorSystem _system;
    private ExecutorServices? _services;
    private RedisPluginSettings? _storage;

    public NodeStorageWatch(ActorSystem system) => _system = system;

    public static NodeStorageWatch Get(ActorSystem system) => system.WithExtension<NodeStorageWatch, NodeStorageWatchProvider>();

    /// <param name="storage">The journal's Redis and key prefix, and the storage epoch it writes to ("" : the one Redis held at start).</param>
    public void Watch(ExecutorServices services, RedisPluginSettings storage)
    {
        _services = services;
        _storage = storage;
    }

    /// <summary>Why the storage is lost, or null when its epoch is as the node found it (or the node watches nothing).</summary>
    public async Task<string?> StorageLostAsync()
    {
        if (_services?.Storage.Loss is { } known) return known.Cause;
        if (_storage is not { } storage) return null;
        var options = RedisConnectionString.Parse(storage.ConfigurationString);
        options.AbortOnConnectFail = true;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        var key = new RedisKeys(storage.KeyPrefix).Epoch;
        var stored = (string?)await connection.GetDatabase(storage.Database).StringGetAsync(key).ConfigureAwait(false);
        if (stored is null) return $"the storage epoch is gone from Redis (key {key}): Redis lost its data";
        if (storage.StorageEpoch.Length > 0 && stored != storage.StorageEpoch)
            return $"Redis holds storage epoch {stored} (key {key}), not {storage.StorageEpoch}: the storage was replaced";
        return null;
    }

    public void MarkLost(string cause)
    {
        if (_services is not { } services) return;
        if (services.Storage.MarkLost(cause, services.Clock.UtcNow) && services.Storage.Loss is { } loss)
            _system.EventStream.Publish(new NodeStorageLost(loss));
    }
}

public sealed class NodeStorageWatchProvider : ExtensionIdProvider<NodeStorageWatch>
{
    public override NodeStorageWatch CreateExtension(ExtendedActorSystem system) => new(system);
}
