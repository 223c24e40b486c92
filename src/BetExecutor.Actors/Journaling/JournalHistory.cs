using Akka.Actor;
using Akka.Persistence;

namespace BetExecutor.Actors.Journaling;

/// <summary>One stored event of a persistence id, with its sequence number.</summary>
public sealed record JournalEntry(long SequenceNr, object Event);

/// <summary>
/// What the journal holds for one persistence id: its events as stored (oldest first; retention may have deleted
/// the oldest) and its highest sequence number (0: nothing was ever written, whatever retention deleted since).
/// </summary>
public sealed record JournalHistoryRead(string PersistenceId, long HighestSequenceNr, IReadOnlyList<JournalEntry> Events);

/// <summary>
/// Reads a persistence id's history from the node's journal, read-only, by replaying it (snapshots ignored) into a
/// throwaway persistent actor: the path an entity's recovery takes, so what it shows is what a restart would see.
/// Writes nothing and starts no entity; the live writer of the id (if any) is not disturbed.
/// </summary>
public static class JournalHistory
{
    /// <summary>Starts the read at once (the reader is a child of <paramref name="parent"/>, so call it from inside an actor too).</summary>
    /// <exception cref="TimeoutException">(in the task) the journal did not answer within <paramref name="timeout"/>.</exception>
    public static Task<JournalHistoryRead> Read(IActorRefFactory parent, string persistenceId, TimeSpan timeout)
    {
        var reply = new TaskCompletionSource<JournalHistoryRead>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reader = parent.ActorOf(Props.Create(() => new Reader(persistenceId, reply)));
        return Bounded(reply.Task, timeout, () => reader.Tell(PoisonPill.Instance), persistenceId);
    }

    private static async Task<JournalHistoryRead> Bounded(Task<JournalHistoryRead> read, TimeSpan timeout, Action stop, string persistenceId)
    {
        if (await Task.WhenAny(read, Task.Delay(timeout)) == read) return await read;
        stop();
        throw new TimeoutException($"the journal did not answer for {persistenceId} within {timeout.TotalSeconds:0.###}s");
    }

    private sealed class Reader : ReceivePersistentActor
    {
        private readonly List<JournalEntry> _events = [];
        private readonly TaskCompletionSource<JournalHistoryRead> _reply;

        public Reader(string persistenceId, TaskCompletionSource<JournalHistoryRead> reply)
        {
            PersistenceId = persistenceId;
            _reply = reply;
            Recover<RecoveryCompleted>(_ =>
            {
                _reply.TrySetResult(new JournalHistoryRead(PersistenceId, LastSequenceNr, _events.ToArray()));
                Context.Stop(Self);
            });
            // During replay LastSequenceNr is the sequence number of the event being replayed.
            Recover<object>(e => _events.Add(new JournalEntry(LastSequenceNr, e)));
        }

        public override string PersistenceId { get; }

        /// <summary>Every event as stored, not the state a snapshot sums them up to.</summary>
        public override Recovery Recovery => new(SnapshotSelectionCriteria.None);

        protected override void OnRecoveryFailure(Exception reason, object? message = null)
        {
            _reply.TrySetException(new InvalidOperationException($"reading {PersistenceId} from the journal failed: {reason.GetBaseException().Message}", reason));
            base.OnRecoveryFailure(reason, message);
        }
    }
}
