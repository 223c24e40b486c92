using Akka.Actor;
using Akka.Persistence;
using Akka.TestKit;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;
using static BetExecutor.Persistence.Redis.Tests.Infrastructure.LedgerActor;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>
/// retention.sweep-interval: events a snapshot covers but kept for their age go once they come of age, without waiting
/// for another snapshot (a finished pair takes none); a closed id is then forgotten altogether; an id held open is
/// never swept. Time is the test scheduler's (keep-events-for = 1h, sweeps every minute): the test moves it.
/// </summary>
[Collection(SharedRedisCollection.Name)]
public sealed class RetentionSweepSpecs(SharedRedisFixture redis, ITestOutputHelper output)
    : RetentionSpecs(redis.Server.ConnectionString, "1h", NewArchive(), output,
        systemConfig: "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"")
{
    private static readonly RedisKeys Keys = new("retention:");

    private TestScheduler Time => (TestScheduler)Sys.Scheduler;

    private async Task<bool> DueAsync(string persistenceId)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        return (await connection.GetDatabase().SortedSetScoreAsync(Keys.RetentionDue, persistenceId)).HasValue;
    }

    private async Task<string[]> KeysOfAsync(string persistenceId)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var db = connection.GetDatabase();
        RedisKey[] all = [Keys.Events(persistenceId), Keys.HighestSequenceNr(persistenceId), Keys.SnapshotIndex(persistenceId), Keys.SnapshotData(persistenceId), Keys.SnapshotTimestamps(persistenceId)];
        var present = new List<string>();
        foreach (var key in all) if (await db.KeyExistsAsync(key)) present.Add(key.ToString());
        return present.ToArray();
    }

    private string SnapshotOf(string persistenceId, bool closed)
    {
        var observer = CreateTestProbe();
        var ledger = Ledger(persistenceId, observer.Ref, "e-1", "e-2", "e-3");
        ledger.Tell(closed ? new TakeHeldSnapshot(null, Closed: true) : new TakeSnapshot());
        observer.ExpectMsg<SaveSnapshotSuccess>(Patience);
        return persistenceId;
    }

    [Fact]
    public async Task Events_kept_for_their_age_are_archived_and_deleted_by_a_sweep_once_they_come_of_age()
    {
        var pid = SnapshotOf(NewPersistenceId("aging"), closed: false);
        Assert.Equal(new long[] { 1, 2, 3 }, await StoredSequenceNrsAsync(pid));
        Assert.True(await DueAsync(pid));

        Time.Advance(TimeSpan.FromMinutes(30)); // thirty sweeps: none finds them due
        await Task.Delay(200);
        Assert.Equal(new long[] { 1, 2, 3 }, await StoredSequenceNrsAsync(pid));

        Time.Advance(TimeSpan.FromMinutes(31));
        await AwaitAssertAsync(async () => Assert.Empty(await StoredSequenceNrsAsync(pid)), Patience);

        Assert.Equal(new long[] { 1, 2, 3 }, (await ArchivedAsync()).Where(a => a.PersistenceId == pid).Select(a => a.SequenceNr));
        Assert.Equal(["e-1", "e-2", "e-3"], Recovered(pid)); // from the snapshot, which stays (the id is not closed)
        Assert.Equal(3, Replay(pid).Highest);
        Assert.False(await DueAsync(pid));
    }

    [Fact]
    public async Task A_closed_id_is_forgotten_once_its_events_are_archived_and_deleted()
    {
        var pid = SnapshotOf(NewPersistenceId("closed"), closed: true);
        Assert.Equal(5, (await KeysOfAsync(pid)).Length);

        Time.Advance(TimeSpan.FromMinutes(61));
        await AwaitAssertAsync(async () => Assert.Empty(await KeysOfAsync(pid)), Patience);

        Assert.Equal(new long[] { 1, 2, 3 }, (await ArchivedAsync()).Where(a => a.PersistenceId == pid).Select(a => a.SequenceNr));
        Assert.False(await DueAsync(pid));
        Assert.Empty(Recovered(pid));
    }

    [Fact]
    public async Task An_id_held_open_is_not_swept_however_old_its_events()
    {
        var observer = CreateTestProbe();
        var pid = NewPersistenceId("open");
        var ledger = Ledger(pid, observer.Ref, "e-1", "e-2", "e-3");
        ledger.Tell(new TakeHeldSnapshot(KeepEventsFrom: 2));
        observer.ExpectMsg<SaveSnapshotSuccess>(Patience);

        Time.Advance(TimeSpan.FromHours(3));
        await Task.Delay(500);

        Assert.Equal(new long[] { 1, 2, 3 }, await StoredSequenceNrsAsync(pid));
        Assert.False(await DueAsync(pid));
    }
}
