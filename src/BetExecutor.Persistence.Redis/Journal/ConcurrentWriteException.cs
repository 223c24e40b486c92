namespace BetExecutor.Persistence.Redis.Journal;

/// <summary>
/// The fenced append found a different highest sequence number than the writer expected: another
/// incarnation of the same persistent actor has written (or is writing) this persistence id. Reported
/// as a write <em>failure</em>, so the stale actor's OnPersistFailure runs and it stops before acting
/// on an event that was never stored.
/// </summary>
public sealed class ConcurrentWriteException(string persistenceId, long expectedHighestSequenceNr, long storedHighestSequenceNr)
    : Exception($"Append to '{persistenceId}' refused: the writer expected highest sequence number {expectedHighestSequenceNr} " +
                $"but {storedHighestSequenceNr} is stored. Another incarnation of this persistent actor is writing.")
{
    public string PersistenceId { get; } = persistenceId;
    public long ExpectedHighestSequenceNr { get; } = expectedHighestSequenceNr;
    public long StoredHighestSequenceNr { get; } = storedHighestSequenceNr;
}
