using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using BetExecutor.Persistence.Redis.Retention;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;
using static BetExecutor.Persistence.Redis.Tests.Infrastructure.LedgerActor;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>
/// retention.keep-events-for: events go only behind a saved snapshot, only once archived, never from the first event
/// an open item holds on, and a recovery after the deletion ends in the same state.
/// </summary>
public abstract class RetentionSpecs : JournalProbeKit, IDisposable
{
    private readonly string _connectionString;
    private readonly string _archive;

    /// <param name="systemConfig">HOCON in front of the test system's (e.g. a test scheduler that drives time).</param>
    protected RetentionSpecs(string connectionString, string keepEventsFor, string archive, ITestOutputHelper output, string systemConfig = "")
        : base(ConfigurationFactory.ParseString(systemConfig).WithFallback(TestConfig.For(connectionString, keyPrefix: "retention:",
            pluginSettings: $"retention {{ keep-events-for = {keepEventsFor}, archive-directory = \"{archive}\", sweep-interval = 1m }}")), output)
    {
        _connectionString = connectionString;
        _archive = archive;
    }

    protected static string NewArchive() => Directory.CreateTempSubdirectory("betexecutor-archive-").FullName;

    protected IActorRef Ledger(string persistenceId, IActorRef observer, params string[] entries)
    {
        var ledger = Sys.ActorOf(LedgerActor.Props(persistenceId, observer));
        foreach (var entry in entries)
        {
            ledger.Tell(new Append(entry));
            ExpectMsg<Appended>();
        }
        return ledger;
    }

    protected async Task<long[]> StoredSequenceNrsAsync(string persistenceId)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_connectionString);
        var scores = await connection.GetDatabase().SortedSetRangeByRankWithScoresAsync(new RedisKeys("retention:").Events(persistenceId));
        return scores.Select(e => (long)e.Score).ToArray();
    }

    protected Task<IReadOnlyList<ArchivedEvent>> ArchivedAsync() => EventArchive.ReadAsync(_archive);

    protected IReadOnlyList<string> Recovered(string persistenceId)
    {
        var again = Sys.ActorOf(LedgerActor.Props(persistenceId, CreateTestProbe().Ref));
        again.Tell(new GetEntries());
        return ExpectMsg<Entries>(Patience).Items;
    }

    public new void Dispose()
    {
        base.Dispose();
        Directory.Delete(_archive, recursive: true);
    }
}

[Collection(SharedRedisCollection.Name)]
public sealed class RetentionOfOldEventsSpecs(SharedRedisFixture redis, ITestOutputHelper output)
    : RetentionSpecs(redis.Server.ConnectionString, "0s", NewArchive(), output)
{
    [Fact]
    public async Task Events_a_snapshot_covers_are_archived_then_deleted_and_recovery_restores_the_same_state()
    {
        var pid = NewPersistenceId("account");
        var observer = CreateTestProbe();
        var ledger = Ledger(pid, observer.Ref, "e-1", "e-2", "e-3", "e-4", "e-5");
        Assert.Empty(await ArchivedAsync()); // nothing goes before a snapshot

        ledger.Tell(new TakeSnapshot());
        observer.ExpectMsg<SaveSnapshotSuccess>(Patience);
        ledger.Tell(new Append("e-6"));
        ExpectMsg<Appended>();

        Assert.Equal(new long[] { 6 }, await StoredSequenceNrsAsync(pid));
        var archived = await ArchivedAsync();
        Assert.Equal([1L, 2, 3, 4, 5], archived.Select(a => a.SequenceNr));
        Assert.All(archived, a => Assert.Equal((pid, 5L, "utf-8"), (a.PersistenceId, a.SnapshotSequenceNr, a.PayloadEncoding)));
        Assert.Contains("e-3", archived[2].Payload);
        Assert.All(archived, a => Assert.True(a.WrittenAt <= a.DeletedAt && a.WrittenAt > a.DeletedAt.AddMinutes(-5)));

        Assert.Equal(["e-1", "e-2", "e-3", "e-4", "e-5", "e-6"], Recovered(pid));
        // The fence still holds: the highest sequence number survived the deletion.
        Assert.Equal(6, Replay(pid).Highest);
    }

    [Fact]
    public async Task A_snapshot_whose_next_events_were_deleted_goes_and_the_newest_stays()
    {
        var pid = NewPersistenceId("superseded");
        var observer = CreateTestProbe();
        var ledger = Ledger(pid, observer.Ref, "e-1", "e-2", "e-3");
        ledger.Tell(new TakeSnapshot());
        observer.ExpectMsg<SaveSnapshotSuccess>(Patience);
        foreach (var entry in new[] { "e-4", "e-5", "e-6" })
        {
            ledger.Tell(new Append(entry));
            ExpectMsg<Appended>();
        }
        ledger.Tell(new TakeSnapshot());
        observer.ExpectMsg<SaveSnapshotSuccess>(Patience);

        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Server.ConnectionString);
        var snapshots = await connection.GetDatabase().SortedSetRangeByRankAsync(new RedisKeys("retention:").SnapshotIndex(pid));
        Assert.Equal(["6"], snapshots.Select(s => s.ToString()));
        Assert.Equal(["e-1", "e-2", "e-3", "e-4", "e-5", "e-6"], Recovered(pid));
    }

    [Fact]
    public async Task Events_from_the_first_one_an_open_item_holds_stay_until_it_is_closed()
    {
        var pid = NewPersistenceId("held");
        var observer = CreateTestProbe();
        var ledger = Ledger(pid, observer.Ref, "e-1", "e-2", "e-3", "e-4", "e-5", "e-6");

        ledger.Tell(new TakeHeldSnapshot(KeepEventsFrom: 3));
        observer.ExpectMsg<SaveSnapshotSuccess>(Patience);
        Assert.Equal(new long[] { 3, 4, 5, 6 }, await StoredSequenceNrsAsync(pid));
        Assert.Equal(["e-1", "e-2", "e-3", "e-4", "e-5", "e-6"], Recovered(pid));

        ledger.Tell(new TakeHeldSnapshot(KeepEventsFrom: null));
        observer.ExpectMsg<SaveSnapshotSuccess>(Patience);
        Assert.Empty(await StoredSequenceNrsAsync(pid));
        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, (await ArchivedAsync()).Where(a => a.PersistenceId == pid).Select(a => a.SequenceNr));
        Assert.Equal(["e-1", "e-2", "e-3", "e-4", "e-5", "e-6"], Recovered(pid));
    }
}

[Collection(SharedRedisCollection.Name)]
public sealed class RetentionOfYoungEventsSpecs(SharedRedisFixture redis, ITestOutputHelper output)
    : RetentionSpecs(redis.Server.ConnectionString, "1h", NewArchive(), output)
{
    [Fact]
    public async Task Events_younger_than_keep_events_for_stay_even_behind_a_snapshot()
    {
        var pid = NewPersistenceId("young");
        var observer = CreateTestProbe();
        var ledger = Ledger(pid, observer.Ref, "e-1", "e-2", "e-3");

        ledger.Tell(new TakeSnapshot());
        observer.ExpectMsg<SaveSnapshotSuccess>(Patience);

        Assert.Equal(new long[] { 1, 2, 3 }, await StoredSequenceNrsAsync(pid));
        Assert.Empty(await ArchivedAsync());
    }
}

public sealed class RetentionSettingsSpecs
{
    private static RetentionSettings Read(string retention) =>
        RetentionSettings.FromConfig(ConfigurationFactory.ParseString(retention)
            .WithFallback(RedisPersistence.DefaultConfig().GetConfig(RedisPersistence.SnapshotStorePluginId)));

    [Fact]
    public void Retention_is_off_by_default()
    {
        Assert.False(Read("").IsOn);
    }

    [Theory]
    [InlineData("retention.keep-events-for = soon\nretention.archive-directory = /tmp/a", "retention.keep-events-for must")]
    [InlineData("retention.keep-events-for = -1d\nretention.archive-directory = /tmp/a", "retention.keep-events-for must")]
    [InlineData("retention.keep-events-for = 90d", "retention.archive-directory must")]
    [InlineData("retention.keep-events-for = 90d\nretention.archive-directory = /tmp/a\nretention.sweep-interval = 0s", "retention.sweep-interval must")]
    [InlineData("retention.keep-events-for = 90d\nretention.archive-directory = /tmp/a\nretention.sweep-interval = often", "retention.sweep-interval must")]
    public void An_invalid_retention_setting_is_refused_naming_the_key(string retention, string message)
    {
        Assert.StartsWith(message, Assert.Throws<ConfigurationException>(() => Read(retention)).Message);
    }

    [Fact]
    public void A_duration_turns_it_on()
    {
        var settings = Read("retention.keep-events-for = 90d\nretention.archive-directory = /var/lib/betexec/archive");
        Assert.Equal((TimeSpan.FromDays(90), "/var/lib/betexec/archive", TimeSpan.FromMinutes(1)), (settings.KeepEventsFor!.Value, settings.ArchiveDirectory, settings.SweepInterval));
    }
}
