using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using Xunit.Abstractions;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>Replay ranges and limits (the replay part of the persistence TCK's JournalSpec).</summary>
public abstract class JournalReplaySpecs : JournalProbeKit
{
    private readonly string _pid = NewPersistenceId("replay");

    protected JournalReplaySpecs(string connectionString, ITestOutputHelper output)
        : base(TestConfig.For(connectionString), output)
    {
        WriteStored(_pid, 1, 5);
    }

    [Fact]
    public void Replay_returns_every_event_in_order_with_payloads_and_the_highest_sequence_number()
    {
        var (events, highest) = Replay(_pid);
        Assert.Equal([1L, 2, 3, 4, 5], SequenceNrs(events));
        Assert.Equal(["e-1", "e-2", "e-3", "e-4", "e-5"], events.Select(e => (string)e.Payload));
        Assert.All(events, e => Assert.Equal(_pid, e.PersistenceId));
        Assert.Equal(5, highest);
    }

    [Theory]
    [InlineData(3, long.MaxValue, long.MaxValue, new long[] { 3, 4, 5 })]
    [InlineData(1, 3, long.MaxValue, new long[] { 1, 2, 3 })]
    [InlineData(1, long.MaxValue, 3, new long[] { 1, 2, 3 })]
    [InlineData(2, 3, long.MaxValue, new long[] { 2, 3 })]
    [InlineData(2, 5, 2, new long[] { 2, 3 })]
    [InlineData(2, 2, long.MaxValue, new long[] { 2 })]
    [InlineData(2, 4, 1, new long[] { 2 })]
    public void Replay_honours_lower_bound_upper_bound_and_count_limit(long from, long to, long max, long[] expected)
    {
        var (events, highest) = Replay(_pid, from, to, max);
        Assert.Equal(expected, SequenceNrs(events));
        Assert.Equal(5, highest);
    }

    [Fact]
    public void Replay_returns_nothing_when_the_count_limit_is_zero()
    {
        var (events, highest) = Replay(_pid, 2, 4, 0);
        Assert.Empty(events);
        Assert.Equal(5, highest);
    }

    [Fact]
    public void Replay_returns_nothing_when_the_lower_bound_is_above_the_upper_bound()
    {
        var (events, highest) = Replay(_pid, 3, 2);
        Assert.Empty(events);
        Assert.Equal(5, highest);
    }

    [Fact]
    public void Replay_of_a_persistence_id_that_never_wrote_returns_nothing_and_highest_zero()
    {
        var (events, highest) = Replay(NewPersistenceId("never-written"), 0);
        Assert.Empty(events);
        Assert.Equal(0, highest);
    }

    [Fact]
    public void Replay_pages_through_a_history_longer_than_one_page()
    {
        var pid = NewPersistenceId("long");
        WriteStored(pid, 1, 2_345);
        var (events, highest) = Replay(pid, 7, 2_300, 2_200);
        Assert.Equal(Enumerable.Range(7, 2_200).Select(n => (long)n), SequenceNrs(events));
        Assert.Equal(2_345, highest);
    }
}

[Collection(SharedRedisCollection.Name)]
public sealed class JournalReplayOnOneServerSpecs(SharedRedisFixture redis, ITestOutputHelper output) : JournalReplaySpecs(redis.Server.ConnectionString, output);

[Collection(SharedRedisClusterCollection.Name)]
public sealed class JournalReplayOnClusterSpecs(SharedRedisClusterFixture cluster, ITestOutputHelper output) : JournalReplaySpecs(cluster.ConnectionString, output);
