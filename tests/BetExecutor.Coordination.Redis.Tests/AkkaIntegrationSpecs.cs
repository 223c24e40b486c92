using Akka.Actor;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Coordination;
using Akka.Hosting;
using Akka.Remote;
using Akka.Remote.Hosting;
using BetExecutor.Coordination.Redis.Hosting;
using BetExecutor.Coordination.Redis.Tests.Infrastructure;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BetExecutor.Coordination.Redis.Tests;

/// <summary>The lease as Akka uses it: built by LeaseProvider from HOCON, and wired into a cluster node by Akka.Hosting.</summary>
public sealed class AkkaIntegrationSpecs(SharedRedisFixture redis) : IClassFixture<SharedRedisFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task LeaseProvider_builds_the_lease_from_HOCON_and_a_restarted_system_on_the_same_address_waits_for_the_old_grant_to_expire()
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.coordination.lease.redis {
              configuration-string = "{{redis.Server.ConnectionString}}"
              key-prefix = "test:"
              heartbeat-timeout = 2s
              heartbeat-interval = 400ms
              lease-operation-timeout = 800ms
            }
            """).WithFallback(RedisLease.DefaultConfig());
        var name = LeaseKit.NewLeaseName("provider");
        const string address = "127.0.0.1:2552";

        var first = ActorSystem.Create("lease-node", config);
        var second = ActorSystem.Create("lease-node", config);
        try
        {
            var lease = Assert.IsType<RedisLease>(LeaseProvider.Get(first).GetLease(name, RedisLease.DefaultConfigPath, address));
            Assert.Equal($"{address}#{AddressUidExtension.Uid(first)}", lease.Owner);
            Assert.Equal(TimeSpan.FromSeconds(2), lease.Settings.TimeoutSettings.HeartbeatTimeout);
            Assert.True(await lease.Acquire());

            var restarted = Assert.IsType<RedisLease>(LeaseProvider.Get(second).GetLease(name, RedisLease.DefaultConfigPath, address));
            Assert.False(await restarted.Acquire());

            await first.Terminate(); // the first incarnation dies without releasing

            Assert.True(await Eventually.AcquireWithinAsync(restarted, Patience));
            Assert.True(restarted.FencingToken > lease.FencingToken.GetValueOrDefault());
        }
        finally
        {
            await first.Terminate();
            await second.Terminate();
        }
    }

    [Fact]
    public async Task A_cluster_node_wired_by_Akka_Hosting_takes_a_Redis_lease_for_each_shard_it_hosts()
    {
        var port = RedisServerProcess.FreeLoopbackPort();
        var lease = TestLease(redis.Server.ConnectionString);
        using var host = NodeHost(lease, builder => builder
            .WithRemoting("127.0.0.1", port)
            .WithClustering(new ClusterOptions
            {
                Roles = ["executor"],
                SeedNodes = [$"akka.tcp://lease-node@127.0.0.1:{port}"],
                SplitBrainResolver = lease.LeaseMajority("lease-node-sbr"),
            })
            .WithShardRegion<EchoRegion>("echo", _ => Props.Create(() => new EchoEntity()), new EchoExtractor(),
                new ShardOptions { Role = "executor", LeaseImplementation = lease, LeaseRetryInterval = TimeSpan.FromMilliseconds(200) }));
        await host.StartAsync();
        try
        {
            var system = host.Services.GetRequiredService<ActorSystem>();
            var region = host.Services.GetRequiredService<IRequiredActor<EchoRegion>>().ActorRef;

            var reply = await AskUntilAnsweredAsync(region, new EchoExtractor.Hello("account-7"));

            var shardId = new EchoExtractor().ShardId("account-7");
            var shardLease = LeaseKeys.For(LeaseKit.KeyPrefix, $"lease-node-shard-echo-{shardId}");
            await using var kit = new LeaseKit(redis.Server, LeaseTimings.Fast);
            var admin = await kit.AdminAsync();
            Assert.Equal("hello account-7", reply);
            Assert.Equal($"lease-node@127.0.0.1:{port}#{AddressUidExtension.Uid(system)}", (string?)await admin.StringGetAsync(shardLease.Lease));
            Assert.True(await admin.KeyExistsAsync(shardLease.Token));
            // The split-brain resolver names the same lease config; the start-up probe went through it and let go.
            Assert.Equal("lease-majority", system.Settings.Config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
            Assert.Equal(lease.ConfigPath, system.Settings.Config.GetString("akka.cluster.split-brain-resolver.lease-majority.lease-implementation"));
            var probe = LeaseKeys.For(LeaseKit.KeyPrefix, $"lease-node-lease-self-test-127.0.0.1:{port}");
            Assert.True(await admin.KeyExistsAsync(probe.Token));
            Assert.False(await admin.KeyExistsAsync(probe.Lease));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task A_host_whose_lease_self_test_cannot_reach_Redis_fails_to_start()
    {
        var lease = TestLease($"127.0.0.1:{RedisServerProcess.FreeLoopbackPort()},connectTimeout=300");
        using var host = NodeHost(lease, _ => { });

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        Assert.Contains(Causes(failure), e => e is LeaseTimeoutException);
    }

    [Fact]
    public async Task A_host_whose_split_brain_resolver_names_a_lease_config_that_was_never_applied_fails_to_start()
    {
        var shardLease = TestLease(redis.Server.ConnectionString);
        var sbrLease = new RedisLeaseOption("akka.coordination.lease.redis-sbr") { ConfigurationString = redis.Server.ConnectionString };
        // The mistake: LeaseMajorityOption applied, its lease option never passed to WithRedisLease.
        using var host = NodeHost(shardLease, builder => sbrLease.LeaseMajority().Apply(builder));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());

        var cause = Assert.IsType<ConfigurationException>(Assert.Single(Causes(failure), e => e is ConfigurationException));
        Assert.Contains("akka.coordination.lease.redis-sbr", cause.Message);
        Assert.Contains("WithRedisLease", cause.Message);
    }

    private static IEnumerable<Exception> Causes(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException) yield return e;
    }

    private static RedisLeaseOption TestLease(string connectionString) => new()
    {
        ConfigurationString = connectionString,
        KeyPrefix = LeaseKit.KeyPrefix,
        HeartbeatTimeout = TimeSpan.FromSeconds(2),
        HeartbeatInterval = TimeSpan.FromMilliseconds(400),
        LeaseOperationTimeout = TimeSpan.FromMilliseconds(800),
    };

    private static IHost NodeHost(RedisLeaseOption lease, Action<AkkaConfigurationBuilder> configure) =>
        new HostBuilder()
            .ConfigureServices(services => services.AddAkka("lease-node", builder =>
            {
                configure(builder);
                builder.WithRedisLease(lease);
            }))
            .Build();

    private static async Task<string> AskUntilAnsweredAsync(IActorRef region, object message)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return await region.Ask<string>(message, TimeSpan.FromSeconds(2));
            }
            catch (AskTimeoutException) when (DateTime.UtcNow < deadline)
            {
                // The cluster is still forming or the shard still acquiring its lease.
            }
        }
    }

    private sealed class EchoRegion;

    private sealed class EchoEntity : ReceiveActor
    {
        public EchoEntity() => Receive<EchoExtractor.Hello>(m => Sender.Tell($"hello {m.EntityId}"));
    }

    private sealed class EchoExtractor() : HashCodeMessageExtractor(10)
    {
        public sealed record Hello(string EntityId);

        public override string EntityId(object message) => ((Hello)message).EntityId;
    }
}
