using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Akka.Remote.Hosting;
using BetExecutor.Actors;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Identities;
using BetExecutor.Persistence.Redis.Hosting;

namespace BetExecutor.Node.Hosting;

/// <summary>The one host chain of an executor node: HOCON, remoting, clustering, the account shard region, logging.</summary>
public static class BetExecutorHosting
{
    public static AkkaConfigurationBuilder AddBetExecutorNode(
        this AkkaConfigurationBuilder builder, NodeOptions options, ExecutorServices services, int shards)
    {
        builder
            .AddHocon(NodeHocon.Load(options.ExtraHocon), HoconAddMode.Append)
            .ConfigureLoggers(loggers =>
            {
                loggers.ClearLoggers();
                loggers.AddSerilogLogging();
            })
            .WithRemoting(options.Hostname, options.Port)
            .WithClustering(new ClusterOptions
            {
                Roles = (options.Roles ?? ["executor"]).ToArray(),
                SeedNodes = options.SeedNodes?.ToArray(),
            })
            .WithShardRegion<AccountRegion>(
                AccountMessageExtractor.TypeName,
                entityId => AccountActor.Props(Identity.ParseKey(entityId), services),
                new AccountMessageExtractor(shards),
                new ShardOptions
                {
                    Role = "executor",
                    RememberEntities = true,
                    RememberEntitiesStore = Akka.Cluster.Sharding.RememberEntitiesStore.Eventsourced,
                    ShouldPassivateIdleEntities = false,
                    StateStoreMode = Akka.Cluster.Sharding.StateStoreMode.Persistence,
                });
        if (options.RedisConnectionString is { } redis)
        {
            // Events, snapshots and sharding's own state go to Redis; without it everything stays in memory.
            builder.WithRedisPersistence(redis, keyPrefix: options.RedisKeyPrefix);
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
