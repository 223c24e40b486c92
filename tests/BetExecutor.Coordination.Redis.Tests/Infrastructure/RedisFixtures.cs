using BetExecutor.Persistence.Redis.Tests.Infrastructure;

namespace BetExecutor.Coordination.Redis.Tests.Infrastructure;

/// <summary>One redis-server for a test class whose tests never pause or restart it (each test uses its own lease names).</summary>
public sealed class SharedRedisFixture : IAsyncLifetime
{
    public RedisServerProcess Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await RedisServerProcess.StartNewAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
