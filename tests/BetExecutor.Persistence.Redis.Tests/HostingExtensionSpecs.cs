using Akka.Actor;
using Akka.Hosting;
using BetExecutor.Persistence.Redis.Hosting;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using static BetExecutor.Persistence.Redis.Tests.Infrastructure.LedgerActor;

namespace BetExecutor.Persistence.Redis.Tests;

[Collection(SharedRedisCollection.Name)]
public sealed class HostingExtensionSpecs(SharedRedisFixture redis)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private IHost BuildHost(string keyPrefix) =>
        new HostBuilder()
            .ConfigureServices(services => services.AddAkka("hosted", builder =>
                builder.WithRedisPersistence(redis.Server.ConnectionString, database: 2, keyPrefix: keyPrefix, isDefault: true)))
            .Build();

    [Fact]
    public async Task WithRedisPersistence_makes_redis_the_default_journal_and_snapshot_store()
    {
        var prefix = $"hosted-{Guid.NewGuid():N}:";
        var pid = "pair-42";

        using (var first = BuildHost(prefix))
        {
            await first.StartAsync();
            var system = first.Services.GetRequiredService<ActorSystem>();
            Assert.Equal("akka.persistence.journal.redis", system.Settings.Config.GetString("akka.persistence.journal.plugin"));
            Assert.Equal("akka.persistence.snapshot-store.redis", system.Settings.Config.GetString("akka.persistence.snapshot-store.plugin"));

            var ledger = system.ActorOf(LedgerActor.Props(pid, ActorRefs.Nobody));
            await ledger.Ask<Appended>(new Append("hosted-event"), Patience);
            await first.StopAsync();
        }

        // The event is in Redis, in the configured database, under the configured prefix...
        await using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString))
        {
            var db = connection.GetDatabase(2);
            Assert.Equal(1, await db.SortedSetLengthAsync($"{prefix}journal:persisted:{{{pid}}}"));
            Assert.Equal(1, (long)await db.StringGetAsync($"{prefix}journal:persisted:{{{pid}}}:highestSequenceNr"));
        }

        // ...and a fresh node recovers it from there.
        using var second = BuildHost(prefix);
        await second.StartAsync();
        var recovered = await second.Services.GetRequiredService<ActorSystem>()
            .ActorOf(LedgerActor.Props(pid, ActorRefs.Nobody))
            .Ask<Entries>(new GetEntries(), Patience);
        Assert.Equal(["hosted-event"], recovered.Items);
        await second.StopAsync();
    }

    [Fact]
    public async Task WithRedisPersistence_passes_the_replica_wait_to_both_plugins()
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddAkka("hosted", builder =>
                builder.WithRedisPersistence(redis.Server.ConnectionString, keyPrefix: "hosted-wait:", waitForReplicas: 2, waitTimeout: TimeSpan.FromMilliseconds(300))))
            .Build();
        await host.StartAsync();
        var config = host.Services.GetRequiredService<ActorSystem>().Settings.Config;
        foreach (var plugin in new[] { RedisPersistence.JournalPluginId, RedisPersistence.SnapshotStorePluginId })
        {
            var wait = RedisPluginSettings.FromConfig(config.GetConfig(plugin)).ReplicaWait;
            Assert.Equal((2, TimeSpan.FromMilliseconds(300)), (wait.Replicas, wait.Timeout));
        }
        await host.StopAsync();
    }
}
