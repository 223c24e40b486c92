using Akka.Cluster.Hosting;
using Akka.Hosting;
using Akka.Logger.Serilog;
using Akka.Remote.Hosting;
using BetExecutor.Actors;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Configuration;
using BetExecutor.Actors.KillSwitch;
using BetExecutor.Coordination.Redis.Hosting;
using BetExecutor.Domain.Identities;
using BetExecutor.Node.Hosting.Membership;
using BetExecutor.Persistence.Redis;
using BetExecutor.Persistence.Redis.Hosting;

namespace BetExecutor.Node.Hosting;

/// <summary>
/// The one host chain of a node: its configuration (loaded once), remoting (TLS off loopback), clustering with the
/// membership gate and the split-brain resolver, the account shard region (executor) or a proxy to it (gateway only),
/// persistence, the Redis lease, and logging.
/// </summary>
public static class BetExecutorHosting
{
    /// <exception cref="ArgumentException">the remoting address or TLS certificate cannot be used (see <see cref="RemotingSecurity"/>).</exception>
    public static AkkaConfigurationBuilder AddBetExecutorNode(
        this AkkaConfigurationBuilder builder, NodeOptions options, NodeConfiguration configuration, ExecutorServices services,
        NodeRefusal? refusal = null)
    {
        refusal ??= new NodeRefusal();
        // Every account of this node reads the global kill switch from this view: unknown (no new signal) until the
        // node's replica has read the switch's journal.
        var killSwitch = new KillSwitchView();
        services = services with { KillSwitch = killSwitch };
        // Whatever settings the caller built: with retention on, every acceptance records per-acceptance references.
        if (configuration.Options.Account.ReferencePerAcceptance && !services.Settings.Account.ReferencePerAcceptance)
            services = services with { Settings = services.Settings with { Account = services.Settings.Account with { ReferencePerAcceptance = true } } };
        var fingerprint = PersistenceFingerprint.Of(options, configuration.Options.Shards);
        // With Redis, one lease per account shard and one for the split-brain resolver, in the journal's Redis: two
        // partitions of a cluster can never both host an identity. In memory (a single-node demo) there is no lease.
        var redisOptions = options.RedisConnectionString is { } text ? RedisConnectionString.Parse(text).ToString(includePassword: true) : null;
        var lease = redisOptions is null ? null : configuration.Lease.Option(redisOptions, options.RedisKeyPrefix);
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
                Roles = options.Roles.Names.ToArray(),
                SeedNodes = options.SeedNodes?.ToArray(),
                // On a split, the side that takes the lease stays; the other downs itself. Only executors count: a side
                // of gateways alone reaches no account. Without a lease: keep-majority (reference.conf).
                SplitBrainResolver = lease?.LeaseMajority(role: NodeRoles.ExecutorRole),
            })
            // Started with the system, before the node can be asked by a member it joins.
            .WithActors((system, registry) =>
            {
                registry.Register<MembershipGate>(system.ActorOf(MembershipGate.Props(fingerprint, refusal.Set), MembershipGate.Name));
                // Before any shard takes a lease: a lost lease is checked against this storage (StorageAwareLease).
                if (redisOptions is not null)
                    NodeStorageWatch.Get(system).Watch(services, new RedisPluginSettings(redisOptions, 0, options.RedisKeyPrefix, options.StorageEpoch ?? ""));
            });
        var extractor = new AccountMessageExtractor(configuration.Options.Shards);
        if (options.Roles.Executor)
        {
            AddKillSwitch(builder, configuration, services, killSwitch);
            // The sharding settings are fixed here, not configurable: each is a safety property of the executor.
            builder.WithShardRegion<AccountRegion>(
                AccountMessageExtractor.TypeName,
                entityId => AccountActor.Props(Identity.ParseKey(entityId), services, configuration.Options.AccountIdlePassivation),
                extractor,
                new ShardOptions
                {
                    Role = NodeRoles.ExecutorRole,
                    // Accounts with pairs in flight must come back after a node restart without waiting for a new
                    // signal. An account that passivated itself (idle, nothing in flight) is forgotten until its next message.
                    RememberEntities = true,
                    RememberEntitiesStore = Akka.Cluster.Sharding.RememberEntitiesStore.Eventsourced,
                    // Not sharding's idle timer: it would stop an account whose pairs are still running. An account
                    // passivates itself when it has nothing in flight (bet-executor.account-idle-passivation).
                    ShouldPassivateIdleEntities = false,
                    // The coordinator keeps its state in the journal too (no local files beside the node).
                    StateStoreMode = Akka.Cluster.Sharding.StateStoreMode.Persistence,
                    // A shard starts its accounts only once it holds the shard's lease; a shard of a node that died
                    // waits until its lease expires (heartbeat-timeout), and asks again this often.
                    LeaseImplementation = lease,
                    LeaseRetryInterval = lease is null ? null : configuration.Lease.HeartbeatInterval,
                });
        }
        else
        {
            // A gateway alone hosts no account: whoever sends ExecuteSignal gets the same registry key either way.
            builder.WithShardRegionProxy<AccountRegion>(AccountMessageExtractor.TypeName, NodeRoles.ExecutorRole, extractor);
            // A gateway places nothing: it only reaches the switch (the admin API's halt-all) through the singleton.
            builder.WithSingletonProxy<KillSwitchSingleton>(KillSwitchActor.Id, new ClusterSingletonOptions { Role = NodeRoles.ExecutorRole });
        }
        if (options.RedisConnectionString is { } redis)
        {
            // Events, snapshots and sharding's own state go to Redis; without it everything stays in memory.
            builder.WithRedisPersistence(redis, keyPrefix: options.RedisKeyPrefix, storageEpoch: options.StorageEpoch ?? "");
        }
        if (lease is not null)
        {
            // Writes the lease's settings (sharding and the resolver only name its path) and takes a probe lease once
            // the system has started, so a lease that cannot work fails the start, not the first split.
            builder.WithRedisLease(lease, selfTest: false)
                // The Redis lease, whose loss is first checked against the storage epoch (see StorageAwareLease).
                .AddHocon($"{lease.ConfigPath}.lease-class = \"{typeof(StorageAwareLease).AssemblyQualifiedName}\"", HoconAddMode.Prepend)
                .AddStartup(async (system, _) => await LeaseSelfTest.RunAsync(system, lease.ConfigPath));
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

    /// <summary>
    /// The global kill switch on an executor: its singleton (restarted from its journal after a failure), the node's
    /// replica that keeps <paramref name="view"/> in step, and a start that waits (bounded) for the replica's first read.
    /// </summary>
    private static void AddKillSwitch(AkkaConfigurationBuilder builder, NodeConfiguration configuration, ExecutorServices services, KillSwitchView view)
    {
        var refreshEvery = configuration.Options.KillSwitch.RefreshInterval;
        var startWait = configuration.Options.KillSwitch.StartWait;
        var singleton = Akka.Pattern.BackoffSupervisor.Props(Akka.Pattern.Backoff.OnStop(
            KillSwitchActor.Props(services), KillSwitchActor.Id, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), 0.2, maxNrOfRetries: -1));
        builder
            .WithSingleton<KillSwitchSingleton>(KillSwitchActor.Id, singleton, new ClusterSingletonOptions { Role = NodeRoles.ExecutorRole })
            .WithActors((system, _) => system.ActorOf(KillSwitchReplica.Props(view, services.Settings.Node, refreshEvery), KillSwitchReplica.Name))
            .AddStartup(async (_, _) => await Task.WhenAny(view.Known, Task.Delay(startWait)));
    }
}
