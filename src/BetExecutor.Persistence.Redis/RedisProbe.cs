using StackExchange.Redis;

namespace BetExecutor.Persistence.Redis;

/// <summary>One connection attempt at start, so a node on a wrong address or password says so at once and stops.</summary>
public static class RedisProbe
{
    /// <returns>null when Redis answered a PING; otherwise the failure (its text may quote the connection string: redact it).</returns>
    public static async Task<Exception?> FailureAsync(string connectionString, TimeSpan timeout)
    {
        var options = RedisConnectionString.Parse(connectionString);
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = (int)timeout.TotalMilliseconds;
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
            await connection.GetDatabase().PingAsync().ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return ex;
        }
    }
}
