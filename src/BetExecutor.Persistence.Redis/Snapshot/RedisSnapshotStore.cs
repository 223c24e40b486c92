using System.Globalization;
using Akka.Actor;
using Akka.Configuration;
using Akka.Event;
using Akka.Persistence;
using Akka.Persistence.Snapshot;
using BetExecutor.Persistence.Redis.Retention;
using StackExchange.Redis;

namespace BetExecutor.Persistence.Redis.Snapshot;

/// <summary>
/// Akka.Persistence snapshot store on Redis: per persistence id, an index of sequence numbers and
/// two hashes (payload, timestamp), changed together by Lua scripts so a reader never sees an
/// index entry without its payload. Key layout in README.md.
/// </summary>
public sealed class RedisSnapshotStore : SnapshotStore
{
    private static readonly string SaveScript = EmbeddedResources.Script("snapshot-save");
    private static readonly string LoadScript = EmbeddedResources.Script("snapshot-load");
    private static readonly string DeleteScript = EmbeddedResources.Script("snapshot-delete");

    private readonly RedisKeys _keys;
    private readonly SnapshotCodec _codec;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly RedisConnection _connection;
    private readonly ReplicaWait _replicaWait;
    private readonly EventRetention _retention;
    private ICancelable? _sweeps;
    private bool _sweeping;

    public RedisSnapshotStore(Config config)
    {
        var settings = RedisPluginSettings.FromConfig(config);
        _keys = new RedisKeys(settings.KeyPrefix);
        _connection = new RedisConnection(settings, "Redis snapshot store");
        _replicaWait = settings.ReplicaWait;
        _retention = new EventRetention(RetentionSettings.FromConfig(config), _keys, Context.System, _log);
        _codec = new SnapshotCodec(Context.System);
    }

    protected override void PreStart()
    {
        base.PreStart();
        _connection.Open(_log);
        if (_retention.IsOn)
            _sweeps = Context.System.Scheduler.ScheduleTellRepeatedlyCancelable(_retention.SweepInterval, _retention.SweepInterval, Self, SweepRetention.Instance, ActorRefs.NoSender);
    }

    protected override void PostStop()
    {
        _sweeps?.Cancel();
        _connection.Close();
        base.PostStop();
    }

    private RedisKey[] KeysOf(string persistenceId) =>
        [_keys.SnapshotIndex(persistenceId), _keys.SnapshotData(persistenceId), _keys.SnapshotTimestamps(persistenceId)];

    protected override async Task<SelectedSnapshot?> LoadAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        var db = await _connection.DatabaseAsync().ConfigureAwait(false);
        var found = (RedisResult[])(await db.ScriptEvaluateAsync(LoadScript, KeysOf(persistenceId), SnapshotFilter.For(criteria)).WaitAsync(cancellationToken).ConfigureAwait(false))!;
        if (found.Length == 0) return null;

        var sequenceNr = long.Parse((string)found[0]!, CultureInfo.InvariantCulture);
        var timestamp = SnapshotFilter.ParseTicks((string)found[1]!);
        var state = _codec.FromBytes((byte[])found[2]!);
        return new SelectedSnapshot(new SnapshotMetadata(persistenceId, sequenceNr, timestamp), state);
    }

    protected override async Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken)
    {
        var bytes = _codec.ToBytes(snapshot);
        var db = await _connection.DatabaseAsync().ConfigureAwait(false);
        var route = _replicaWait.Route(db, [_keys.SnapshotIndex(metadata.PersistenceId)]);
        await db.ScriptEvaluateAsync(SaveScript, KeysOf(metadata.PersistenceId),
            [metadata.SequenceNr, SnapshotFilter.Ticks(metadata.Timestamp), bytes], ReplicaWait.WriteFlags).WaitAsync(cancellationToken).ConfigureAwait(false);
        // A snapshot a failover could lose is not reported saved (SaveSnapshotFailure): its events must stay.
        await _replicaWait.ConfirmAsync(db, route,
            $"Snapshot of {metadata.PersistenceId} at {metadata.SequenceNr}").WaitAsync(cancellationToken).ConfigureAwait(false);
        if (_retention.IsOn) await ApplyRetentionAsync(db, metadata, snapshot).ConfigureAwait(false);
    }

    /// <summary>The snapshot is saved whatever happens here: a retention that fails deletes nothing and is tried again at the next snapshot.</summary>
    private async Task ApplyRetentionAsync(IDatabase db, SnapshotMetadata metadata, object snapshot)
    {
        try
        {
            await _retention.ApplyAsync(db, metadata.PersistenceId, metadata.SequenceNr, snapshot).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RedisException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            _log.Error(e, "Retention for {0} after the snapshot at {1} failed; nothing unarchived was deleted", metadata.PersistenceId, metadata.SequenceNr);
        }
    }

    /// <summary>
    /// Retention's sweep, every <c>retention.sweep-interval</c> (one at a time): ids whose events came of age since their
    /// last snapshot, and closed ids to forget (<see cref="EventRetention.SweepAsync"/>).
    /// </summary>
    protected override bool ReceivePluginInternal(object message)
    {
        switch (message)
        {
            case SweepRetention when !_sweeping:
                _sweeping = true;
                SweepAsync().PipeTo(Self);
                return true;
            case SweepRetention:
                return true;
            case SweepEnded:
                _sweeping = false;
                return true;
            default:
                return false;
        }
    }

    private async Task<SweepEnded> SweepAsync()
    {
        try
        {
            var db = await _connection.DatabaseAsync().ConfigureAwait(false);
            var (swept, deleted, forgotten) = await _retention.SweepAsync(db, id => NewestSnapshotAsync(db, id)).ConfigureAwait(false);
            if (swept > 0) _log.Info("Retention sweep: {0} persistence ids due, {1} events archived and deleted, {2} closed ids forgotten", swept, deleted, forgotten);
        }
        catch (Exception e)
        {
            // Whatever it was, the next sweep runs: a sweep that never ended would stop retention for good.
            _log.Warning("Retention sweep failed ({0}); it runs again in {1}", e.Message, _retention.SweepInterval);
        }
        return SweepEnded.Instance;
    }

    private async Task<(long SequenceNr, object State)?> NewestSnapshotAsync(IDatabase db, string persistenceId)
    {
        var found = (RedisResult[])(await db.ScriptEvaluateAsync(LoadScript, KeysOf(persistenceId), SnapshotFilter.For(SnapshotSelectionCriteria.Latest)).ConfigureAwait(false))!;
        if (found.Length == 0) return null;
        return (long.Parse((string)found[0]!, CultureInfo.InvariantCulture), _codec.FromBytes((byte[])found[2]!));
    }

    private sealed class SweepRetention
    {
        public static readonly SweepRetention Instance = new();
    }

    private sealed class SweepEnded
    {
        public static readonly SweepEnded Instance = new();
    }

    protected override async Task DeleteAsync(SnapshotMetadata metadata, CancellationToken cancellationToken)
    {
        var db = await _connection.DatabaseAsync().ConfigureAwait(false);
        await db.ScriptEvaluateAsync(DeleteScript, KeysOf(metadata.PersistenceId), SnapshotFilter.For(metadata)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task DeleteAsync(string persistenceId, SnapshotSelectionCriteria criteria, CancellationToken cancellationToken)
    {
        var db = await _connection.DatabaseAsync().ConfigureAwait(false);
        await db.ScriptEvaluateAsync(DeleteScript, KeysOf(persistenceId), SnapshotFilter.For(criteria)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
