using System.Text;
using Akka.Actor;
using Akka.Event;
using Akka.Serialization;
using BetExecutor.Domain.Events;
using BetExecutor.Persistence.Redis.Journal;
using StackExchange.Redis;

namespace BetExecutor.Persistence.Redis.Retention;

/// <summary>
/// Run by the snapshot store after a snapshot is saved (and, with wait-for-replicas, confirmed): the persistence id's
/// events that the snapshot covers, that are older than <c>keep-events-for</c>, and that come before the first event
/// the snapshot's state still holds (<see cref="IRetentionHold"/>: an open pair or exposure), are written to the
/// <see cref="EventArchive"/> and then deleted from Redis. The highest-sequence-number key stays (the fence).
/// </summary>
internal sealed class EventRetention(RetentionSettings settings, RedisKeys keys, ActorSystem system, ILoggingAdapter log)
{
    private readonly EventArchive _archive = new(settings.ArchiveDirectory);
    private readonly PersistentCodec _codec = new(system);

    private static readonly string ForgetScript = EmbeddedResources.Script("retention-forget");
    private static readonly string SnapshotDeleteScript = EmbeddedResources.Script("snapshot-delete");

    public bool IsOn => settings.IsOn;

    public TimeSpan SweepInterval => settings.SweepInterval;

    /// <returns>how many events were archived and deleted.</returns>
    public async Task<int> ApplyAsync(IDatabase db, string persistenceId, long snapshotSequenceNr, object state)
    {
        if (!settings.IsOn) return 0;
        var hold = (state as IRetentionHold)?.KeepEventsFrom;
        var upTo = hold is { } first ? Math.Min(snapshotSequenceNr, first - 1) : snapshotSequenceNr;
        if (upTo < 1) return 0;

        // The actor system's clock, as the journal's write times: a test scheduler drives both.
        var now = system.Scheduler.Now.UtcDateTime;
        var writtenBefore = (now - settings.KeepEventsFor!.Value).Ticks;
        var stored = await db.SortedSetRangeByScoreAsync(keys.Events(persistenceId), double.NegativeInfinity, upTo).ConfigureAwait(false);
        var archived = new List<ArchivedEvent>();
        long? youngWrittenAt = null;
        foreach (var member in stored)
        {
            var bytes = (byte[])member!;
            var persistent = _codec.FromBytes(bytes);
            // Sequence numbers rise with time: the first event too young (or of unknown age) ends the run.
            if (persistent.Timestamp == 0 || persistent.Timestamp >= writtenBefore)
            {
                if (persistent.Timestamp != 0) youngWrittenAt = persistent.Timestamp;
                break;
            }
            archived.Add(Archive(persistent, bytes, snapshotSequenceNr, now));
        }
        await ScheduleAsync(db, persistenceId, state, hold, youngWrittenAt, now).ConfigureAwait(false);
        if (archived.Count == 0) return 0;

        var file = await _archive.AppendAsync(archived, now).ConfigureAwait(false);
        var last = archived[^1].SequenceNr;
        await db.SortedSetRemoveRangeByScoreAsync(keys.Events(persistenceId), double.NegativeInfinity, last, flags: ReplicaWait.WriteFlags).ConfigureAwait(false);
        await DeleteSupersededSnapshotsAsync(db, persistenceId, last).ConfigureAwait(false);
        log.Info("Retention: {0}: {1} events up to sequence number {2} archived to {3} and deleted (snapshot at {4}{5})",
            persistenceId, archived.Count, last, file, snapshotSequenceNr,
            hold is { } kept ? $"; events from {kept} kept: an open pair or exposure" : "");
        return archived.Count;
    }

    /// <summary>
    /// An older snapshot whose next event is gone can no longer start a recovery (the events after it are missing):
    /// every snapshot before <paramref name="lastDeleted"/> goes, the newest (at or after it) stays. Without this an
    /// id that snapshots every hundred events would keep every snapshot it ever took.
    /// </summary>
    private async Task DeleteSupersededSnapshotsAsync(IDatabase db, string persistenceId, long lastDeleted)
    {
        if (lastDeleted < 2) return;
        await db.ScriptEvaluateAsync(SnapshotDeleteScript,
            [keys.SnapshotIndex(persistenceId), keys.SnapshotData(persistenceId), keys.SnapshotTimestamps(persistenceId)],
            Snapshot.SnapshotFilter.For(new Akka.Persistence.SnapshotSelectionCriteria(lastDeleted - 1)), ReplicaWait.WriteFlags).ConfigureAwait(false);
    }

    /// <summary>
    /// Notes when retention will next have something to do for the id without a new snapshot: when its oldest event
    /// kept for its age comes of age, or, for a closed id whose events are all old enough, at once (the sweep forgets
    /// it). An id held open is not noted: only a later snapshot (the one that ends the hold) can release it.
    /// </summary>
    private async Task ScheduleAsync(IDatabase db, string persistenceId, object state, long? hold, long? youngWrittenAt, DateTime now)
    {
        DateTime? due = hold is not null ? null
            : youngWrittenAt is { } writtenAt ? new DateTime(writtenAt, DateTimeKind.Utc) + settings.KeepEventsFor!.Value
            : (state as IRetentionHold)?.IsClosed == true ? now
            : null;
        if (due is not { } at) return;
        await db.SortedSetAddAsync(keys.RetentionDue, persistenceId, UnixMilliseconds(at)).ConfigureAwait(false);
    }

    private static double UnixMilliseconds(DateTime at) => (at - DateTime.UnixEpoch).TotalMilliseconds;

    /// <summary>
    /// One sweep: every persistence id noted due by now is taken (ZREM: on several nodes, one takes each), its newest
    /// snapshot loaded and retention applied again as after that snapshot; a closed id with no event left is then
    /// forgotten (its snapshots and highest sequence number deleted, see Scripts/retention-forget.lua). An id whose
    /// sweep fails is noted again for the next sweep.
    /// </summary>
    /// <param name="newestSnapshot">the id's newest snapshot (sequence number, state), null when it has none.</param>
    /// <returns>how many ids were swept, how many events archived and deleted, how many ids forgotten.</returns>
    public async Task<(int Swept, int Deleted, int Forgotten)> SweepAsync(IDatabase db, Func<string, Task<(long SequenceNr, object State)?>> newestSnapshot)
    {
        const int page = 100, most = 1_000;
        var (swept, deleted, forgotten) = (0, 0, 0);
        // Only what was due when the sweep began: an id noted again while it runs waits for the next sweep.
        var now = system.Scheduler.Now.UtcDateTime;
        while (swept < most)
        {
            var due = await db.SortedSetRangeByScoreAsync(keys.RetentionDue, double.NegativeInfinity, UnixMilliseconds(now), take: page).ConfigureAwait(false);
            foreach (var member in due)
            {
                if (!await db.SortedSetRemoveAsync(keys.RetentionDue, member).ConfigureAwait(false)) continue; // another node took it
                var persistenceId = (string)member!;
                swept++;
                try
                {
                    if (await newestSnapshot(persistenceId).ConfigureAwait(false) is not { } newest) continue;
                    deleted += await ApplyAsync(db, persistenceId, newest.SequenceNr, newest.State).ConfigureAwait(false);
                    if (newest.State is IRetentionHold { IsClosed: true } && await ForgetAsync(db, persistenceId, newest.SequenceNr).ConfigureAwait(false))
                        forgotten++;
                }
                catch (Exception e)
                {
                    // Redis, the archive's disk, or a snapshot that does not read back: this id waits, the others go on.
                    log.Error(e, "Retention sweep of {0} failed; nothing unarchived was deleted; it is tried again at the next sweep", persistenceId);
                    await db.SortedSetAddAsync(keys.RetentionDue, persistenceId, UnixMilliseconds(now + settings.SweepInterval)).ConfigureAwait(false);
                }
            }
            if (due.Length < page) break;
        }
        return (swept, deleted, forgotten);
    }

    /// <summary>A closed id whose every event is gone: its snapshots and highest sequence number go too, unless anything was written since.</summary>
    private async Task<bool> ForgetAsync(IDatabase db, string persistenceId, long snapshotSequenceNr)
    {
        var done = (int)await db.ScriptEvaluateAsync(ForgetScript,
            [keys.Events(persistenceId), keys.HighestSequenceNr(persistenceId), keys.SnapshotIndex(persistenceId), keys.SnapshotData(persistenceId), keys.SnapshotTimestamps(persistenceId)],
            [snapshotSequenceNr], ReplicaWait.WriteFlags).ConfigureAwait(false) == 1;
        if (!done) return false;
        await db.SortedSetRemoveAsync(keys.RetentionDue, persistenceId).ConfigureAwait(false);
        log.Info("Retention: {0} is closed and its events were archived and deleted: its snapshot (at {1}) and highest sequence number are deleted too", persistenceId, snapshotSequenceNr);
        return true;
    }

    private ArchivedEvent Archive(Akka.Persistence.IPersistentRepresentation persistent, byte[] record, long snapshotSequenceNr, DateTime deletedAt)
    {
        var serializer = system.Serialization.FindSerializerFor(persistent.Payload);
        var payload = serializer.ToBinary(persistent.Payload);
        var (text, encoding) = IsUtf8(payload) ? (Encoding.UTF8.GetString(payload), "utf-8") : (Convert.ToBase64String(payload), "base64");
        return new ArchivedEvent(
            persistent.PersistenceId, persistent.SequenceNr, new DateTime(persistent.Timestamp, DateTimeKind.Utc), persistent.WriterGuid,
            serializer.Identifier, Serialization.ManifestFor(serializer, persistent.Payload), text, encoding,
            Convert.ToBase64String(record), snapshotSequenceNr, deletedAt);
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
