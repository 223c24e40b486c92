using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Akka.Remote.Hosting;
using BetExecutor.Actors;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Identities;
using BetExecutor.Node.Hosting.Membership;
using BetExecutor.Persistence.Redis.Hosting;

namespace BetExecutor.Node.Hosting;

/// <summary>
/// The one host chain of an executor node: its configuration (loaded once), remoting (TLS off loopback), clustering
/// with the membership gate, the account shard region, persistence and logging.
/// </summary>
public static class BetExecutorHosting
{
    /// <exception cref="ArgumentException">the remoting address or TLS certificate cannot be used (see <see cref="RemotingSecurity"/>).</exception>
    public static AkkaConfigurationBuilder AddBetExecutorNode(
        this AkkaConfigurationBuilder builder, NodeOptions options, NodeConfiguration configuration, ExecutorServices services,
        NodeRefusal? refusal = null)
    {
        refusal ??= new NodeRefusal();
        var fingerprint = PersistenceFingerprint.Of(options, configuration.Options.Shards);
        builder
            .AddHocon(configuration.Hocon, HoconAddMode.Append)
            // Akka writes to standard output only before and after the Serilog logger runs: never, since standard
            // output carries results (the stdin feed's answers) and a failing start is reported in one line instead.
            // Prepended: the logger setup below would otherwise set it to the log level.
            .AddHocon("akka.stdout-loglevel = OFF", HoconAddMode.Prepend)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddSerilogLogging();
            })
            .WithRemoting(RemotingSecurity.Remoting(options))
            .WithClustering(new ClusterOptions
            {
                Roles = (options.Roles ?? ["executor"]).ToArray(),
                SeedNodes = options.SeedNodes?.ToArray(),
            })
            // Started with the system, before the node can be asked by a member it joins.
            .WithActors((system, registry) =>
                registry.Register<MembershipGate>(system.ActorOf(MembershipGate.Props(fingerprint, refusal.Set), MembershipGate.Name)))
            // The sharding settings are fixed here, not configurable: each is a safety property of the executor.
            .WithShardRegion<AccountRegion>(
                AccountMessageExtractor.TypeName,
                entityId => AccountActor.Props(Identity.ParseKey(entityId), services),
                new AccountMessageExtractor(configuration.Options.Shards),
                new ShardOptions
                {
                    Role = "executor",
                    // Accounts with pairs in flight must come back after a node restart without waiting for a new signal.
                    RememberEntities = true,
                    RememberEntitiesStore = Akka.Cluster.Sharding.RememberEntitiesStore.Eventsourced,
                    // An account parents running pairs: never passivate it for being quiet.
                    ShouldPassivateIdleEntities = false,
                    // The coordinator keeps its state in the journal too (no local files beside the node).
                    StateStoreMode = Akka.Cluster.Sharding.StateStoreMode.Persistence,
                });
        if (options.RedisConnectionString is { } redis)
        {
            // Events, snapshots and sharding's own state go to Redis; without it everything stays in memory.
            builder.WithRedisPersistence(redis, keyPrefix: options.RedisKeyPrefix, storageEpoch: options.StorageEpoch ?? "");
        }
        if (options.SeedNodes is null or { Count: 0 })
        {
            // No seeds: this node is a cluster of its own (the local demo, the scenario runner, a single-node deployment).
            builder.AddStartup((system, _) =>
            {
                var cluster = Akka.Cluster.Cluster.Get(system);
                cluster.Join(cluster.SelfAddress);
            });
        }
        return builder;
    }
}
