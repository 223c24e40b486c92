using Akka.Persistence;
using BetExecutor.Persistence.Redis.Journal;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>
/// Issue 8 items 3 and 4 at the journal: a Redis that lost its data (FLUSHALL) is told apart from a rival writer.
/// Each spec has a redis-server of its own, because it flushes it.
/// </summary>
public sealed class StorageLossSpecs : JournalProbeKit, IAsyncLifetime
{
    private readonly RedisServerProcess _redis;
    private readonly string _data = Directory.CreateTempSubdirectory("betexecutor-epoch-").FullName;

    public StorageLossSpecs(ITestOutputHelper output) : this(RedisServerProcess.StartNewAsync().GetAwaiter().GetResult(), output)
    {
    }

    private StorageLossSpecs(RedisServerProcess redis, ITestOutputHelper output) : base(TestConfig.For(redis.ConnectionString), output)
    {
        _redis = redis;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _redis.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    private async Task FlushAllAsync()
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString + ",allowAdmin=true");
        await connection.GetServer(connection.GetEndPoints()[0]).FlushAllDatabasesAsync();
    }

    [Fact]
    public async Task After_FLUSHALL_every_append_is_rejected_as_storage_lost_and_writes_nothing_even_for_a_new_persistence_id()
    {
        var known = NewPersistenceId("account");
        WriteStored(known, 1, 3);

        await FlushAllAsync();
        var replies = Write(Atomically(Event(known, 4)), Atomically(Event(NewPersistenceId("brand-new"), 1)));

        Assert.IsType<WriteMessagesSuccessful>(replies[0]);
        Assert.All(replies.Skip(1), r => Assert.IsType<StorageLostException>(Assert.IsType<WriteMessageRejected>(r).Cause));
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        Assert.Equal(0, (long)await connection.GetDatabase().ExecuteAsync("DBSIZE"));
    }

    [Fact]
    public async Task After_FLUSHALL_a_recovery_fails_instead_of_starting_from_an_empty_history()
    {
        var pid = NewPersistenceId("pair");
        WriteStored(pid, 1, 2);

        await FlushAllAsync();
        var probe = CreateTestProbe();
        Journal.Tell(new ReplayMessages(1, long.MaxValue, long.MaxValue, NewPersistenceId("never-written"), probe.Ref), probe.Ref);

        Assert.IsType<StorageLostException>(probe.ExpectMsg<ReplayMessagesFailure>(Patience).Cause);
    }

    [Fact]
    public void A_rival_writer_ahead_of_the_writer_is_still_a_concurrent_write_failure_not_a_loss()
    {
        var pid = NewPersistenceId("rival");
        WriteStored(pid, 1, 3);

        var replies = Write(Atomically(Event(pid, 3, "late")));

        Assert.IsType<ConcurrentWriteException>(Assert.IsType<WriteMessagesFailed>(replies[0]).Cause);
        Assert.Equal(3, Replay(pid).Highest);
    }

    [Fact]
    public async Task The_node_check_creates_the_epoch_then_finds_it_again_then_reports_a_FLUSHALL_as_lost_until_adopted()
    {
        var settings = new RedisPluginSettings(_redis.ConnectionString, 0, "node:");

        var first = Assert.IsType<StorageEpochCheck.Adopted>(await StorageEpoch.CheckAsync(settings, _data, adopt: false));
        var again = Assert.IsType<StorageEpochCheck.Adopted>(await StorageEpoch.CheckAsync(settings, _data, adopt: false));
        Assert.Equal(first.Epoch, again.Epoch);
        Assert.Equal(first.Epoch, (await File.ReadAllTextAsync(Path.Combine(_data, StorageEpoch.FileName))).Trim());

        await FlushAllAsync();
        var lost = Assert.IsType<StorageEpochCheck.Lost>(await StorageEpoch.CheckAsync(settings, _data, adopt: false));
        Assert.Contains(first.Epoch, lost.Detail);
        // Refusing changes nothing: asked again, it is still lost.
        Assert.IsType<StorageEpochCheck.Lost>(await StorageEpoch.CheckAsync(settings, _data, adopt: false));

        var adopted = Assert.IsType<StorageEpochCheck.Adopted>(await StorageEpoch.CheckAsync(settings, _data, adopt: true));
        Assert.NotEqual(first.Epoch, adopted.Epoch);
        Assert.IsType<StorageEpochCheck.Adopted>(await StorageEpoch.CheckAsync(settings, _data, adopt: false));
    }

    [Fact]
    public async Task The_node_check_reports_a_replaced_storage_as_lost()
    {
        var settings = new RedisPluginSettings(_redis.ConnectionString, 0, "node:");
        Assert.IsType<StorageEpochCheck.Adopted>(await StorageEpoch.CheckAsync(settings, _data, adopt: false));

        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        await connection.GetDatabase().StringSetAsync("node:storage-epoch", "someone-elses");

        var lost = Assert.IsType<StorageEpochCheck.Lost>(await StorageEpoch.CheckAsync(settings, _data, adopt: false));
        Assert.Contains("replaced", lost.Detail);
    }

    [Fact]
    public async Task A_slot_whose_epoch_stamp_is_gone_as_when_one_cluster_shard_lost_its_data_is_storage_lost_for_its_writers_and_the_node_check()
    {
        var settings = new RedisPluginSettings(_redis.ConnectionString, 0, "test:");
        var pid = NewPersistenceId("on-lost-shard");
        WriteStored(pid, 1, 2);
        Assert.IsType<StorageEpochCheck.Adopted>(await StorageEpoch.CheckAsync(settings, _data, adopt: false));

        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.ConnectionString);
        await connection.GetDatabase().KeyDeleteAsync(new RedisKeys("test:").EpochStampFor(pid));

        var replies = Write(Atomically(Event(pid, 3)));
        Assert.IsType<StorageLostException>(Assert.IsType<WriteMessageRejected>(replies[1]).Cause);
        var lost = Assert.IsType<StorageEpochCheck.Lost>(await StorageEpoch.CheckAsync(settings, _data, adopt: false));
        Assert.Contains($"missing from 1 of {ClusterSlot.Count} slots", lost.Detail);
        Assert.IsType<StorageEpochCheck.Adopted>(await StorageEpoch.CheckAsync(settings, _data, adopt: true));
        Assert.IsType<StorageEpochCheck.Adopted>(await StorageEpoch.CheckAsync(settings, _data, adopt: false));
    }
}
