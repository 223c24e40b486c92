using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Event;

namespace BetExecutor.Coordination.Redis;

/// <summary>
/// Actor-system extension: one <see cref="RedisLeaseConnection"/> per (configuration string, database), shared by
/// every lease of the system (a node may hold one lease per shard), closed when the system terminates.
/// </summary>
public sealed class RedisLeaseConnections : IExtension
{
    private readonly ConcurrentDictionary<(string, int), Lazy<RedisLeaseConnection>> _connections = new();
    private readonly ILoggingAdapter _log;

    public RedisLeaseConnections(ExtendedActorSystem system)
    {
        _log = Logging.GetLogger(system, typeof(RedisLeaseConnections));
        system.RegisterOnTermination(() =>
        {
            foreach (var connection in _connections.Values)
                if (connection.IsValueCreated) connection.Value.Dispose();
        });
    }

    public static RedisLeaseConnections Get(ActorSystem system) =>
        system.WithExtension<RedisLeaseConnections, RedisLeaseConnectionsProvider>();

    public RedisLeaseConnection For(RedisLeaseSettings settings) =>
        _connections.GetOrAdd(
            (settings.ConfigurationString, settings.Database),
            _ => new Lazy<RedisLeaseConnection>(() => new RedisLeaseConnection(settings, _log))).Value;
}

public sealed class RedisLeaseConnectionsProvider : ExtensionIdProvider<RedisLeaseConnections>
{
    public override RedisLeaseConnections CreateExtension(ExtendedActorSystem system) => new(system);
}
