using System.Text.Json;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Serialization;
using BetExecutor.Audit.Tests.Support;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Persistence.Redis;
using BetExecutor.Persistence.Redis.Retention;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using BetExecutor.Simulation;
using StackExchange.Redis;
using static BetExecutor.Audit.Tests.Support.Signals;

namespace BetExecutor.Audit.Tests.Resilience;

/// <summary>
/// Retention on a real node and a real redis-server (keep-events-for = 0s, so every event a snapshot covers may go):
/// nothing of an account is deleted while an exposure it holds is open, however many snapshots it takes; once the
/// operator resolves it, the next snapshot's retention archives the old events and then deletes them, and the
/// account recovers from what is left with the same state.
/// </summary>
public sealed class AccountRetentionTests : IDisposable
{
    private static readonly Identity Liam = Account("liam");
    private static readonly Identity Mia = Account("mia");
    private readonly string _archive = Directory.CreateTempSubdirectory("betexec-retention-").FullName;

    public void Dispose() => Directory.Delete(_archive, recursive: true);

    [Fact]
    public async Task An_open_exposure_keeps_its_accounts_events_through_snapshots_and_its_resolution_lets_them_be_archived_then_deleted()
    {
        await using var redis = await RedisServerProcess.StartNewAsync();
        await using var executor = await Executor.StartAsync(s => s with { AccountSnapshotEvery = 2 }, redis.ConnectionString, $$"""
            akka.persistence.snapshot-store.redis.retention {
              keep-events-for = 0s
              archive-directory = "{{_archive.Replace("\\", "\\\\")}}"
            }
            """);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var keys = new RedisKeys(executor.RedisKeyPrefix);

        // Liam: a hedge refused for good leaves an open exposure. Mia, the control: a pair that settles, nothing open.
        await executor.SendAsync(For(Liam, "s-1"), Leg("accept", SettlementState.Won), Leg("reject:MARKET_CLOSED", SettlementState.Pending));
        await executor.SendAsync(For(Mia, "s-1"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
        await executor.RunUntilQuietAsync();
        Assert.Single((await executor.StatusAsync(Liam)).Exposures);
        await OperatorEventsAsync(executor, Liam, 3); // six more events: three snapshots or more while the exposure is open
        await OperatorEventsAsync(executor, Mia, 3);

        // Mia's retention ran (her old events are archived and gone); Liam's kept everything.
        var miaArchived = await ArchivedAndDeletedAsync(connection, keys, Mia);
        Assert.Equal(1, miaArchived[0]);
        Assert.Empty(await ArchivedAsync(AccountActor.PersistenceIdFor(Liam)));
        var liamEvents = await StoredUpToAsync(connection, keys, Liam, long.MaxValue);
        Assert.True(liamEvents >= 9, $"liam: {liamEvents} events stored"); // accepted, finished, exposure opened, six operator events
        Assert.Equal(liamEvents, await StoredUpToAsync(connection, keys, Liam, liamEvents)); // numbers 1 to n: none deleted

        await executor.ResolveExposureAsync(Liam, "s-1", "hedged by hand", "ops-anna");
        await OperatorEventsAsync(executor, Liam, 1); // a snapshot after the resolution
        var liamArchived = await ArchivedAndDeletedAsync(connection, keys, Liam);

        Assert.Equal(Enumerable.Range(1, liamArchived.Count).Select(n => (long)n), liamArchived); // from the first, none skipped
        Assert.True(liamArchived.Count >= liamEvents, $"liam: {liamArchived.Count} archived"); // the exposure's events too
        var before = Json(await executor.StatusAsync(Liam));
        await executor.RestartAsync();
        Assert.Equal(before, Json(await executor.StatusAsync(Liam)));
    }

    /// <summary>Halts and resumes the identity <paramref name="times"/> times: two events each, every one acknowledged.</summary>
    private static async Task OperatorEventsAsync(ExecutorSimulation executor, Identity identity, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.IsType<OperatorAnswer.Done>(await executor.HaltAsync(identity, $"maintenance {i}", "ops-anna"));
            Assert.IsType<OperatorAnswer.Done>(await executor.ResumeAsync(identity, $"maintenance {i} done", "ops-anna"));
        }
    }

    /// <summary>
    /// The sequence numbers of the id's archived events, in order, read as an audit does (EventArchive.ReadAsync: two
    /// retention runs of back-to-back snapshots may archive an event twice; one of each is kept).
    /// </summary>
    private async Task<List<long>> ArchivedAsync(string persistenceId) =>
        (await EventArchive.ReadAsync(_archive))
            .Where(e => e.PersistenceId == persistenceId)
            .Select(e => e.SequenceNr)
            .Order()
            .ToList();

    /// <summary>
    /// Retention runs after a snapshot is saved, apart from the command that caused it: waits (bounded) until some of
    /// the account's events are archived and every archived one is gone from Redis, then returns the archived ones.
    /// </summary>
    private async Task<List<long>> ArchivedAndDeletedAsync(ConnectionMultiplexer connection, RedisKeys keys, Identity identity)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var archived = await ArchivedAsync(AccountActor.PersistenceIdFor(identity));
            if (archived.Count > 0 && await StoredUpToAsync(connection, keys, identity, archived[^1]) == 0) return archived;
            await Task.Delay(100);
        }
        throw new TimeoutException($"{identity}: no archived events deleted from Redis in 20 s");
    }

    /// <summary>How many of the identity's account events up to <paramref name="sequenceNr"/> Redis still holds.</summary>
    private static async Task<long> StoredUpToAsync(ConnectionMultiplexer connection, RedisKeys keys, Identity identity, long sequenceNr) =>
        await connection.GetDatabase().SortedSetLengthAsync(keys.Events(AccountActor.PersistenceIdFor(identity)), double.NegativeInfinity, sequenceNr);

    private static string Json(AccountStatus status) => JsonSerializer.Serialize(status, BetExecutorJsonSerializer.Options);
}
