using System.Text.Json;
using BetExecutor.Actors;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Serialization;
using BetExecutor.Persistence.Redis;
using BetExecutor.Persistence.Redis.Retention;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using BetExecutor.Simulation;
using StackExchange.Redis;

namespace BetExecutor.Audit.Tests.Support;

/// <summary>
/// A real redis-server and an executor on it whose snapshot store keeps no event for its age
/// (<c>retention.keep-events-for = 0s</c>), archiving to a directory of its own; and what the retention tests read
/// back: the archive, and what Redis still holds of a persistence id.
/// </summary>
public sealed class RetentionRig : IAsyncDisposable
{
    private RetentionRig(RedisServerProcess redis, ExecutorSimulation executor, ConnectionMultiplexer connection, string archive)
    {
        Redis = redis;
        Executor = executor;
        Connection = connection;
        Archive = archive;
        Keys = new RedisKeys(executor.RedisKeyPrefix);
    }

    public RedisServerProcess Redis { get; }
    public ExecutorSimulation Executor { get; }
    public ConnectionMultiplexer Connection { get; }
    public RedisKeys Keys { get; }
    public string Archive { get; }

    /// <param name="sweepInterval">retention.sweep-interval (HOCON duration), or the plugin's default.</param>
    public static async Task<RetentionRig> StartAsync(Func<ExecutorSettings, ExecutorSettings>? adjust = null, string? sweepInterval = null)
    {
        var archive = Directory.CreateTempSubdirectory("betexec-retention-").FullName;
        var redis = await RedisServerProcess.StartNewAsync();
        var sweep = sweepInterval is null ? "" : $"sweep-interval = {sweepInterval}";
        var executor = await Support.Executor.StartAsync(adjust, redis.ConnectionString, $$"""
            akka.persistence.snapshot-store.redis.retention {
              keep-events-for = 0s
              archive-directory = "{{archive.Replace("\\", "\\\\")}}"
              {{sweep}}
            }
            """);
        return new RetentionRig(redis, executor, await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString), archive);
    }

    /// <summary>The id's archived events, each once, oldest first, read as an audit does (EventArchive.ReadAsync).</summary>
    public async Task<List<ArchivedEvent>> ArchivedAsync(string persistenceId) =>
        (await EventArchive.ReadAsync(Archive)).Where(e => e.PersistenceId == persistenceId).OrderBy(e => e.SequenceNr).ToList();

    /// <summary>How many of the id's events Redis holds, up to <paramref name="sequenceNr"/> (all when not given).</summary>
    public async Task<long> StoredAsync(string persistenceId, long sequenceNr = long.MaxValue) =>
        await Connection.GetDatabase().SortedSetLengthAsync(Keys.Events(persistenceId), double.NegativeInfinity, sequenceNr);

    /// <summary>The id's highest sequence number as Redis keeps it (0 once retention forgot the id).</summary>
    public async Task<long> HighestAsync(string persistenceId) =>
        (long)await Connection.GetDatabase().StringGetAsync(Keys.HighestSequenceNr(persistenceId));

    /// <summary>An account's status as stored JSON: two of them compare whole.</summary>
    public static string Json(AccountStatus status) => JsonSerializer.Serialize(status, BetExecutorJsonSerializer.Options);

    public async ValueTask DisposeAsync()
    {
        await Executor.DisposeAsync();
        await Connection.DisposeAsync();
        await Redis.DisposeAsync();
        Directory.Delete(Archive, recursive: true);
    }
}
