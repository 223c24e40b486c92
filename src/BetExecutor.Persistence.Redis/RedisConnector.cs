using Akka.Event;
using StackExchange.Redis;

namespace BetExecutor.Persistence.Redis;

/// <summary>Opens the one multiplexer each plugin actor uses, with the options the plugin relies on.</summary>
internal static class RedisConnector
{
    public static ConfigurationOptions Options(RedisPluginSettings settings)
    {
        var options = RedisConnectionString.Parse(settings.ConfigurationString);
        // An unreachable Redis at start must not crash the plugin actor: keep the multiplexer and
        // let it reconnect in the background.
        options.AbortOnConnectFail = false;
        // Fail closed: while disconnected, a command fails immediately rather than waiting in a
        // client-side backlog, so a persist fails promptly and no bet is placed on an unsaved intent.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        // Reconnect quickly after a Redis restart (the default waits up to several seconds between tries).
        options.ReconnectRetryPolicy = new ExponentialRetry(deltaBackOffMilliseconds: 200, maxDeltaBackOffMilliseconds: 2000);
        return options;
    }

    public static async Task<ConnectionMultiplexer> ConnectAsync(RedisPluginSettings settings, ILoggingAdapter log, string owner)
    {
        var options = Options(settings);
        // The configuration string may carry a Redis password: only its endpoints are ever logged.
        var safeDescription = RedisConnectionString.Describe(settings.ConfigurationString);
        var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        connection.ConnectionFailed += (_, e) =>
            log.Warning("{0}: Redis connection to {1} lost ({2}); writes fail until it is back", owner, e.EndPoint, e.FailureType);
        connection.ConnectionRestored += (_, e) =>
            log.Info("{0}: Redis connection to {1} restored", owner, e.EndPoint);
        if (connection.IsConnected)
            log.Info("{0}: connected to Redis [{1}]", owner, safeDescription);
        else
            log.Warning("{0}: Redis [{1}] unreachable at start; calls fail until it connects", owner, safeDescription);
        return connection;
    }
}
