namespace BetExecutor.Persistence.Redis.Journal;

/// <summary>
/// The storage no longer holds history this journal wrote: the storage epoch is missing or another one (Redis was
/// flushed or replaced), or a persistence id's stored highest sequence number is below what its writer knows it
/// wrote (history went backwards). Unlike <see cref="ConcurrentWriteException"/> this is not a rival writer: nothing
/// may be written or recovered until an operator adopts the storage as it now is. Writes meeting it are rejected
/// (the actor keeps running on what it knows in memory); reads meeting it fail, so no recovery starts from a history
/// that was lost.
/// </summary>
public sealed class StorageLostException(string detail) : Exception($"Storage lost: {detail}. Nothing is written or recovered until an operator adopts the storage as it now is.")
{
    public string Detail { get; } = detail;
}
