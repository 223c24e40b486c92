using System.Collections.Immutable;
using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Journal;
using StackExchange.Redis;

namespace BetExecutor.Persistence.Redis.Journal;

/// <summary>
/// Akka.Persistence journal on Redis. Each <see cref="AtomicWrite"/> is one Lua script that appends
/// the whole batch only if the stored highest sequence number is the one the writer expects (the
/// fence of docs/architecture.md §5.3); see Scripts/append.lua and README.md for the key layout.
/// </summary>
public sealed class RedisJournal : AsyncWriteJournal
{
    // Replays read this many events per round trip, so a long history never sits in memory at once.
    private const int ReplayPageSize = 1_000;

    private static readonly string AppendScript = EmbeddedResources.Script("append");
    private static readonly string ReadHighestScript = EmbeddedResources.Script("read-highest");

    private readonly RedisKeys _keys;
    private readonly PersistentCodec _codec;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RedisConnection _connection;
    private readonly string _configuredEpoch;
    private readonly ReplicaWait _replicaWait;
    /// <summary>The actor system's clock (a test scheduler drives it): when each event was written.</summary>
    private readonly IScheduler _clock = Context.System.Scheduler;
    private Task<string>? _epoch;

    /// <summary>
    /// Set once the storage is found lost; from then on this journal (one per node) writes and reads nothing, so no
    /// actor on the node can act on a write that went nowhere or recover from a history that was lost. Only a restart
    /// with the storage adopted clears it.
    /// </summary>
    private volatile StorageLostException? _lost;

    public RedisJournal(Config config)
    {
        var settings = RedisPluginSettings.FromConfig(config);
        _keys = new RedisKeys(settings.KeyPrefix);
        _connection = new RedisConnection(settings, "Redis journal");
        _codec = new PersistentCodec(Context.System);
        _configuredEpoch = settings.StorageEpoch;
        _replicaWait = settings.ReplicaWait;
    }

    protected override void PreStart()
    {
        base.PreStart();
        _connection.Open(_log);
        _epoch = ResolveEpochAsync();
    }

    /// <summary>
    /// The storage epoch every script checks: the configured one (the node's own record of the storage it wrote to),
    /// or, when none is configured, the one Redis holds, created now if there is none. A failed attempt (Redis down)
    /// is tried again by the next call.
    /// </summary>
    private Task<string> EpochAsync()
    {
        var current = _epoch ??= ResolveEpochAsync();
        if (current.IsFaulted || current.IsCanceled) _epoch = current = ResolveEpochAsync();
        return current;
    }

    private async Task<string> ResolveEpochAsync()
    {
        if (_configuredEpoch.Length > 0) return _configuredEpoch;
        var db = await _connection.DatabaseAsync().ConfigureAwait(false);
        try
        {
            var (epoch, created) = await new StorageEpochStamps(db, _keys).ResolveAsync().ConfigureAwait(false);
            if (created) _log.Info("Redis journal: new storage, epoch {0} created", epoch);
            return epoch;
        }
        catch (StorageLostException lost)
        {
            throw Lost(lost.Detail);
        }
    }

    private StorageLostException Lost(string detail)
    {
        var lost = _lost ??= new StorageLostException(detail);
        _log.Error("Redis journal: {0}", lost.Message);
        return lost;
    }

    private string DescribeEpochFound(string found, string expected) => found.Length == 0
        ? $"the storage epoch {expected} is gone from Redis (its copy in this slot, {_keys.Epoch}:{{...}}, is missing): Redis lost its data (FLUSHALL, a new or restored instance or shard)"
        : $"Redis holds storage epoch {found}, not {expected} that this node wrote to: the storage was replaced";

    protected override void PostStop()
    {
        _connection.Close();
        base.PostStop();
    }

    protected override async Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var all = messages.ToArray();
        // Rejected, not failed: nothing of these writes was stored, and the actors go on with what they hold in memory.
        if (_lost is { } lost) return all.Select(_ => (Exception)lost).ToImmutableList();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var db = await _connection.DatabaseAsync().ConfigureAwait(false);
        var epoch = await EpochAsync().ConfigureAwait(false);

        var persistenceIds = all.Select(w => w.PersistenceId).Distinct().ToArray();
        var route = _replicaWait.Route(db, persistenceIds.Select(_keys.HighestSequenceNr));

        // All scripts are issued before any is awaited: one connection keeps them in order, so a
        // batch of several AtomicWrites of one actor costs one round trip, not one per write.
        var writes = new List<(AtomicWrite Write, Task<RedisResult> Outcome)>();
        // Akka's contract: one entry per AtomicWrite, null where it was stored.
        var rejections = new List<Exception>();
        foreach (var write in all)
        {
            var (args, rejection) = AppendArguments(write, epoch);
            rejections.Add(rejection!);
            var outcome = db.ScriptEvaluateAsync(AppendScript,
                [_keys.Events(write.PersistenceId), _keys.HighestSequenceNr(write.PersistenceId), _keys.EpochStampFor(write.PersistenceId)], args,
                ReplicaWait.WriteFlags);
            writes.Add((write, outcome));
        }

        for (var i = 0; i < writes.Count; i++)
        {
            var (write, outcome) = writes[i];
            var reply = (RedisResult[])(await outcome.WaitAsync(cancellationToken).ConfigureAwait(false))!;
            var code = (int)reply[0];
            if (code == 1) continue;
            if (code == -1)
            {
                rejections[i] = Lost(DescribeEpochFound((string)reply[1]!, epoch));
                continue;
            }

            var stored = long.Parse((string)reply[1]!, CultureInfo.InvariantCulture);
            var expected = write.LowestSequenceNr - 1;
            if (stored < expected)
            {
                // Not a rival: a rival only ever moves the highest forward. Events this writer stored are gone.
                rejections[i] = Lost($"'{write.PersistenceId}' holds history up to {stored} but its writer stored up to {expected}: history went backwards");
                continue;
            }
            _log.Warning("Append to {0} fenced off: expected highest sequence number {1}, stored {2}",
                write.PersistenceId, expected, stored);
            JournalMetrics.CountFenced();
            throw new ConcurrentWriteException(write.PersistenceId, expected, stored);
        }

        // Stored on the primary is not yet acknowledged: with wait-for-replicas, too few replicas in time fails the
        // whole batch (the actors stop), as a timeout would. What they recover later is what the storage then holds.
        await _replicaWait.ConfirmAsync(db, route,
            $"Append to {string.Join(", ", persistenceIds)}").WaitAsync(cancellationToken).ConfigureAwait(false);

        JournalMetrics.AppendDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        // Null is the allowed shorthand for "nothing rejected".
        return rejections.Any(r => r is not null) ? rejections.ToImmutableList() : null!;
    }

    /// <summary>
    /// Script arguments for one AtomicWrite. When a payload does not serialise, the write is a
    /// rejection (nothing of it stored) but its sequence numbers are still reserved: the actor has
    /// already used them, and its next write must find them taken to pass the fence.
    /// </summary>
    private (RedisValue[] Args, Exception? Rejection) AppendArguments(AtomicWrite write, string epoch)
    {
        var expected = Format(write.LowestSequenceNr - 1);
        var highest = Format(write.HighestSequenceNr);
        var events = (IImmutableList<IPersistentRepresentation>)write.Payload;
        // When it was stored: retention keeps events younger than keep-events-for, and the archive says when each was written.
        var storedAt = _clock.Now.UtcTicks;
        try
        {
            var args = new RedisValue[3 + events.Count * 2];
            args[0] = epoch;
            args[1] = expected;
            args[2] = highest;
            for (var i = 0; i < events.Count; i++)
            {
                args[3 + i * 2] = events[i].SequenceNr;
                args[4 + i * 2] = _codec.ToBytes(events[i].Timestamp == 0 ? events[i].WithTimestamp(storedAt) : events[i]);
            }
            return (args, null);
        }
        catch (Exception e)
        {
            _log.Warning(e, "Rejecting events {0}..{1} of {2}: payload does not serialise",
                write.LowestSequenceNr, write.HighestSequenceNr, write.PersistenceId);
            return ([epoch, expected, highest], e);
        }
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        // Every recovery reads this first: a lost storage fails it, so no actor starts again from a history that is gone.
        if (_lost is { } lost) throw lost;
        var db = await _connection.DatabaseAsync().ConfigureAwait(false);
        var epoch = await EpochAsync().ConfigureAwait(false);
        var reply = (RedisResult[])(await db.ScriptEvaluateAsync(ReadHighestScript, [_keys.HighestSequenceNr(persistenceId), _keys.EpochStampFor(persistenceId)], [epoch])
            .WaitAsync(cancellationToken).ConfigureAwait(false))!;
        if ((int)reply[0] == -1) throw Lost(DescribeEpochFound((string)reply[1]!, epoch));
        return long.Parse((string)reply[1]!, CultureInfo.InvariantCulture);
    }

    public override async Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr,
        long toSequenceNr, long max, Action<IPersistentRepresentation> recoveryCallback)
    {
        var db = await _connection.DatabaseAsync().ConfigureAwait(false);
        var key = _keys.Events(persistenceId);
        var next = fromSequenceNr;
        var remaining = max;
        while (remaining > 0 && next <= toSequenceNr)
        {
            var page = await db.SortedSetRangeByScoreWithScoresAsync(key, next, toSequenceNr,
                take: Math.Min(remaining, ReplayPageSize)).ConfigureAwait(false);
            foreach (var entry in page)
            {
                var persistent = _codec.FromBytes((byte[])entry.Element!);
                recoveryCallback(persistent);
                next = (long)entry.Score + 1;
            }
            remaining -= page.Length;
            if (page.Length < ReplayPageSize) break;
        }
    }

    protected override async Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        // Only events go; the highest-sequence-number key stays, so a recovering actor never
        // reuses a sequence number and the fence still holds after a full delete.
        var db = await _connection.DatabaseAsync().ConfigureAwait(false);
        await db.SortedSetRemoveRangeByScoreAsync(_keys.Events(persistenceId), double.NegativeInfinity, toSequenceNr).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
