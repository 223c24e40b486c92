using BetExecutor.Persistence.Redis;
using Serilog;

namespace BetExecutor.Node.Hosting;

/// <summary>
/// The start-up check of the node's Redis storage against its own record (its data directory): see
/// <see cref="StorageEpoch"/>. Waits for an unreachable Redis, logging, rather than starting without the check.
/// </summary>
public static class NodeStorage
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    public static async Task<StorageEpochCheck> CheckAsync(string redisConnection, string keyPrefix, string dataDirectory, bool adopt, ILogger logger,
        CancellationToken cancellationToken = default)
    {
        var settings = new RedisPluginSettings(redisConnection, Database: 0, keyPrefix);
        while (true)
        {
            try
            {
                var check = await StorageEpoch.CheckAsync(settings, dataDirectory, adopt, cancellationToken);
                if (check is StorageEpochCheck.Adopted adopted)
                    logger.Information("Redis storage: {Detail} (data directory {DataDirectory})", adopted.Detail, Path.GetFullPath(dataDirectory));
                return check;
            }
            catch (StackExchange.Redis.RedisConnectionException ex)
            {
                logger.Warning("Redis unreachable while checking the storage epoch ({Failure}); trying again in {Delay}", ex.FailureType, RetryEvery);
                await Task.Delay(RetryEvery, cancellationToken);
            }
        }
    }
}
