using Akka.Actor;
using Akka.Hosting;
using BetExecutor.Actors.Time;
using BetExecutor.Admin;
using BetExecutor.Admin.Configuration;
using BetExecutor.Persistence.Redis;
using Serilog;

namespace BetExecutor.Node.Hosting;

/// <summary>
/// A node's admin API (docs/admin-api.md) over the node's own actor system: its account region or proxy, the kill
/// switch's singleton proxy and, with Redis, the journal's list of persistence ids. Every node starts one when it has
/// an admin token.
/// </summary>
public sealed class NodeAdmin : IAsyncDisposable
{
    private readonly RedisPersistenceIds? _ids;

    private NodeAdmin(AdminServer server, RedisPersistenceIds? ids)
    {
        Server = server;
        _ids = ids;
    }

    public AdminServer Server { get; }

    public Uri Address => Server.Address;

    /// <exception cref="Actors.Configuration.SettingException">no token is configured.</exception>
    /// <exception cref="IOException">the address cannot be bound.</exception>
    public static async Task<NodeAdmin> StartAsync(
        ActorSystem system, IActorRegistry registry, NodeOptions options, NodeConfiguration configuration, IExecutorClock clock,
        AdminOptions admin, ILogger logger, CancellationToken cancellationToken = default)
    {
        var accounts = await registry.GetAsync<AccountRegion>(cancellationToken);
        var killSwitch = await registry.GetAsync<KillSwitchSingleton>(cancellationToken);
        RedisPersistenceIds? ids = null;
        if (options.RedisConnectionString is { } redis)
        {
            var connection = RedisConnectionString.Parse(redis).ToString(includePassword: true);
            ids = await RedisPersistenceIds.ConnectAsync(new RedisPluginSettings(connection, 0, options.RedisKeyPrefix, options.StorageEpoch ?? ""));
        }
        var cluster = new AdminCluster(system, accounts, killSwitch, configuration.Options.Shards, NodeRoles.ExecutorRole,
            ids is null ? null : ids.StartingWithAsync, clock);
        try
        {
            return new NodeAdmin(await AdminServer.StartAsync(admin, cluster, logger, cancellationToken), ids);
        }
        catch
        {
            if (ids is not null) await ids.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        if (_ids is not null) await _ids.DisposeAsync();
    }
}
