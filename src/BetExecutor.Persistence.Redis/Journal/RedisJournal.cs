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
/// fence of DESIGN §5.3); see Scripts/append.lua and README.md for the key layout.
/// </summary>
public sealed class RedisJournal : AsyncWriteJournal
{
    // Replays read this many events per round trip, so a long history never sits in memory at once.
    private const int ReplayPageSize = 1_000;

    private static readonly string AppendScript = EmbeddedResources.Script("append");

    private readonly RedisKeys _keys;
    private readonly PersistentCodec _codec;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RedisConnection _connection;

    public RedisJournal(Config config)
    {
        var settings = RedisPluginSettings.FromConfig(config);
        _keys = new RedisKeys(settings.KeyPrefix);
        _connection = new RedisConnection(settings, "Redis journal");
        _codec = new PersistentCodec(Context.System);
    }

    protected override void PreStart()
    {
        base.PreStart();
        _connection.Open(_log);
    }

    protected override void PostStop()
    {
        _connection.Close();
        base.PostStop();
    }

    protected override async Task<IImmutableList<Exception>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        var db = await _connection.DatabaseAsync().ConfigureAwait(false);

        // All scripts are issued before any is awaited: one connection keeps them in order, so a
        // batch of several AtomicWrites of one actor costs one round trip, not one per write.
        var writes = new List<(AtomicWrite Write, Task<RedisResult> Outcome)>();
        // Akka's contract: one entry per AtomicWrite, null where it was stored.
        var rejections = new List<Exception>();
        foreach (var write in messages)
        {
            var (args, rejection) = AppendArguments(write);
            rejections.Add(rejection!);
            var outcome = db.ScriptEvaluateAsync(AppendScript, [_keys.Events(write.PersistenceId), _keys.HighestSequenceNr(write.PersistenceId)], args);
            writes.Add((write, outcome));
        }

        foreach (var (write, outcome) in writes)
        {
            var reply = (RedisResult[])(await outcome.WaitAsync(cancellationToken).ConfigureAwait(false))!;
            if ((int)reply[0] == 1) continue;

            var stored = long.Parse((string)reply[1]!, CultureInfo.InvariantCulture);
            var expected = write.LowestSequenceNr - 1;
            _log.Warning("Append to {0} fenced off: expected highest sequence number {1}, stored {2}",
                write.PersistenceId, expected, stored);
            throw new ConcurrentWriteException(write.PersistenceId, expected, stored);
        }

        // Null is the allowed shorthand for "nothing rejected".
        return rejections.Any(r => r is not null) ? rejections.ToImmutableList() : null!;
    }

    /// <summary>
    /// Script arguments for one AtomicWrite. When a payload does not serialise, the write is a
    /// rejection (nothing of it stored) but its sequence numbers are still reserved: the actor has
    /// already used them, and its next write must find them taken to pass the fence.
    /// </summary>
    private (RedisValue[] Args, Exception? Rejection) AppendArguments(AtomicWrite write)
    {
        var expected = Format(write.LowestSequenceNr - 1);
        var highest = Format(write.HighestSequenceNr);
        var events = (IImmutableList<IPersistentRepresentation>)write.Payload;
        try
        {
            var args = new RedisValue[2 + events.Count * 2];
            args[0] = expected;
            args[1] = highest;
            for (var i = 0; i < events.Count; i++)
            {
                args[2 + i * 2] = events[i].SequenceNr;
                args[3 + i * 2] = _codec.ToBytes(events[i]);
            }
            return (args, null);
        }
        catch (Exception e)
        {
            _log.Warning(e, "Rejecting events {0}..{1} of {2}: payload does not serialise",
                write.LowestSequenceNr, write.HighestSequenceNr, write.PersistenceId);
            return ([expected, highest], e);
        }
    }

    public override async Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        var db = await _connection.DatabaseAsync().ConfigureAwait(false);
        var stored = await db.StringGetAsync(_keys.HighestSequenceNr(persistenceId)).WaitAsync(cancellationToken).ConfigureAwait(false);
        return stored.IsNull ? 0L : (long)stored;
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
