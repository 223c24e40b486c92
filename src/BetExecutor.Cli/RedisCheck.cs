using StackExchange.Redis;

namespace BetExecutor.Cli;

/// <summary>
/// Reaches the Redis of <c>--redis</c> once before a node starts on it, so that a wrong address or a server that is
/// down is one clear line instead of a node that retries and logs for a minute. Messages name the endpoints only,
/// never a password the configuration string may carry.
/// </summary>
public static class RedisCheck
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    public abstract record Result
    {
        public sealed record Reachable : Result;

        /// <summary>The option cannot be a Redis address: bad usage.</summary>
        public sealed record Malformed(string Problem) : Result;

        /// <summary>A well-formed address where no Redis answers: a failure at run time.</summary>
        public sealed record Unreachable(string Problem, Exception Cause) : Result;
    }

    public static async Task<Result> ReachAsync(string configuration)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException)
        {
            return new Result.Malformed("--redis: not a Redis address; give HOST:PORT, e.g. 127.0.0.1:6379");
        }
        if (options.EndPoints.Count == 0)
            return new Result.Malformed("--redis: names no server; give HOST:PORT, e.g. 127.0.0.1:6379");
        var endpoints = string.Join(", ", options.EndPoints.Select(e => e.ToString()));
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        options.ConnectTimeout = (int)ConnectTimeout.TotalMilliseconds;
        try
        {
            await using var connection = await ConnectionMultiplexer.ConnectAsync(options);
            await connection.GetDatabase().PingAsync();
            return new Result.Reachable();
        }
        catch (Exception e) when (e is RedisException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return new Result.Unreachable(
                $"Redis at {endpoints} cannot be reached; start redis-server there (see the README's Redis section) or point --redis at one that runs", e);
        }
    }
}
