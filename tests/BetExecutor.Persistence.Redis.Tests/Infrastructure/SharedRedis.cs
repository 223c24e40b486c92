namespace BetExecutor.Persistence.Redis.Tests.Infrastructure;

/// <summary>One redis-server for every spec in the "shared redis" collection; each test uses its own persistence ids.</summary>
public sealed class SharedRedisFixture : IAsyncLifetime
{
    public RedisServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServerProcess.StartNewAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedRedisCollection : ICollectionFixture<SharedRedisFixture>
{
    public const string Name = "shared redis";
}
