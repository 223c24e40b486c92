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

    public bool IsOn => settings.IsOn;

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
        foreach (var member in stored)
        {
            var bytes = (byte[])member!;
            var persistent = _codec.FromBytes(bytes);
            // Sequence numbers rise with time: the first event too young (or of unknown age) ends the run.
            if (persistent.Timestamp == 0 || persistent.Timestamp >= writtenBefore) break;
            archived.Add(Archive(persistent, bytes, snapshotSequenceNr, now));
        }
        if (archived.Count == 0) return 0;

        var file = await _archive.AppendAsync(archived, now).ConfigureAwait(false);
        var last = archived[^1].SequenceNr;
        await db.SortedSetRemoveRangeByScoreAsync(keys.Events(persistenceId), double.NegativeInfinity, last, flags: ReplicaWait.WriteFlags).ConfigureAwait(false);
        log.Info("Retention: {0}: {1} events up to sequence number {2} archived to {3} and deleted (snapshot at {4}{5})",
            persistenceId, archived.Count, last, file, snapshotSequenceNr,
            hold is { } kept ? $"; events from {kept} kept: an open pair or exposure" : "");
        return archived.Count;
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
