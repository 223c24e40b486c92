using Akka.Event;
using StackExchange.Redis;

namespace BetExecutor.Persistence.Redis;

/// <summary>
/// The connection of one plugin actor (journal or snapshot store): opened when the actor starts, disposed when it
/// stops, and awaited by every call, so a call made while the connect is still running simply waits for it.
/// </summary>
internal sealed class RedisConnection(RedisPluginSettings settings, string owner)
{
    private Task<ConnectionMultiplexer>? _connecting;

    public void Open(ILoggingAdapter log) => _connecting = RedisConnector.ConnectAsync(settings, log, owner);

    /// <summary>The connect may still be running; whatever it produces is disposed.</summary>
    public void Close() => _connecting?.ContinueWith(t => t.Result.Dispose(), TaskContinuationOptions.OnlyOnRanToCompletion);

    public async Task<IDatabase> DatabaseAsync()
    {
        var connection = await (_connecting ?? throw new InvalidOperationException($"{owner} not started")).ConfigureAwait(false);
        return connection.GetDatabase(settings.Database);
    }
}
