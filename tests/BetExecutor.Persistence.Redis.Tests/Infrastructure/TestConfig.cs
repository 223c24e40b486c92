using Akka.Configuration;

namespace BetExecutor.Persistence.Redis.Tests.Infrastructure;

/// <summary>HOCON for an actor system whose default journal and snapshot store are the Redis plugin.</summary>
public static class TestConfig
{
    /// <param name="circuitBreaker">HOCON added to the journal's section only.</param>
    /// <param name="pluginSettings">HOCON added to both the journal's and the snapshot store's section.</param>
    public static Config For(string connectionString, string keyPrefix = "test:", string circuitBreaker = "", string pluginSettings = "") =>
        ConfigurationFactory.ParseString($$"""
            akka.loglevel = INFO
            akka.test.single-expect-default = 20s
            akka.persistence.publish-plugin-commands = on
            akka.persistence.journal.plugin = "akka.persistence.journal.redis"
            akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.redis"
            akka.persistence.journal.redis {
              configuration-string = "{{connectionString}}"
              key-prefix = "{{keyPrefix}}"
              {{circuitBreaker}}
              {{pluginSettings}}
            }
            akka.persistence.snapshot-store.redis {
              configuration-string = "{{connectionString}}"
              key-prefix = "{{keyPrefix}}"
              {{pluginSettings}}
            }
            akka.actor {
              serializers.test-payloads = "BetExecutor.Persistence.Redis.Tests.Infrastructure.TestPayloadSerializer, BetExecutor.Persistence.Redis.Tests"
              serialization-bindings {
                "BetExecutor.Persistence.Redis.Tests.Infrastructure.StakeRecorded, BetExecutor.Persistence.Redis.Tests" = test-payloads
                "BetExecutor.Persistence.Redis.Tests.Infrastructure.LedgerSnapshot, BetExecutor.Persistence.Redis.Tests" = test-payloads
                "BetExecutor.Persistence.Redis.Tests.Infrastructure.HeldLedgerSnapshot, BetExecutor.Persistence.Redis.Tests" = test-payloads
                "BetExecutor.Persistence.Redis.Tests.Infrastructure.CannotBeSerialised, BetExecutor.Persistence.Redis.Tests" = test-payloads
              }
            }
            """)
            .WithFallback(RedisPersistence.DefaultConfig());
}
