using StackExchange.Redis;

namespace BetExecutor.Persistence.Redis;

/// <summary>
/// The key layout (see README.md). Every key of one persistence id carries the id as its
/// Redis Cluster hash tag, <c>{...}</c>, so a Lua script touching them runs on one slot.
/// </summary>
public sealed class RedisKeys(string keyPrefix)
{
    /// <summary>
    /// String: the storage epoch, a random id written once when the storage is first used (see
    /// <see cref="Journal.RedisJournal"/> and README.md). Where it is created and where <see cref="EpochStamp"/> copies are
    /// checked against when a node starts.
    /// </summary>
    public RedisKey Epoch => $"{keyPrefix}storage-epoch";

    /// <summary>
    /// String: the storage epoch again, one copy per cluster slot. Every append and every recovery read checks the copy
    /// in its persistence id's slot, inside the same script (a script may only touch keys of one slot on a Redis
    /// Cluster). A shard that lost its data loses its copies with it, so its writers are stopped too.
    /// </summary>
    public RedisKey EpochStamp(int slot) => $"{keyPrefix}storage-epoch:{{{ClusterSlot.TagFor(slot)}}}";

    /// <summary>The <see cref="EpochStamp"/> in the slot of <paramref name="persistenceId"/>'s keys.</summary>
    public RedisKey EpochStampFor(string persistenceId) => EpochStamp(SlotOf(persistenceId));

    /// <summary>The cluster slot of every key of <paramref name="persistenceId"/>.</summary>
    public static int SlotOf(string persistenceId) => ClusterSlot.Of(HashTag(persistenceId));

    /// <summary>Sorted set: score = sequence number, member = serialised <c>Persistent</c>.</summary>
    public RedisKey Events(string persistenceId) => $"{keyPrefix}journal:persisted:{HashTag(persistenceId)}";

    /// <summary>String: highest sequence number ever written; survives deletes.</summary>
    public RedisKey HighestSequenceNr(string persistenceId) => $"{keyPrefix}journal:persisted:{HashTag(persistenceId)}:highestSequenceNr";

    /// <summary>Sorted set: score = member = sequence number of each stored snapshot.</summary>
    public RedisKey SnapshotIndex(string persistenceId) => $"{keyPrefix}snapshot:{HashTag(persistenceId)}";

    /// <summary>Hash: sequence number → serialised snapshot.</summary>
    public RedisKey SnapshotData(string persistenceId) => $"{keyPrefix}snapshot:{HashTag(persistenceId)}:data";

    /// <summary>Hash: sequence number → snapshot timestamp ticks, zero-padded to 19 digits.</summary>
    public RedisKey SnapshotTimestamps(string persistenceId) => $"{keyPrefix}snapshot:{HashTag(persistenceId)}:timestamps";

    /// <summary>
    /// Sorted set: score = when (Unix milliseconds) retention has something to do for a persistence id (member) that no
    /// new snapshot will trigger: events that come of age, or a closed id to forget. One key, outside every id's slot:
    /// it is written after the snapshot, never inside a script with the id's keys.
    /// </summary>
    public RedisKey RetentionDue => $"{keyPrefix}retention:due";

    /// <summary>
    /// The id in braces, with '%', '{' and '}' percent-encoded: a raw '}' would end the tag early
    /// (an id starting with '}' would even give an empty tag, which Redis ignores). The encoding is
    /// reversible, so two different ids never share keys.
    /// </summary>
    public static string HashTag(string persistenceId) =>
        "{" + persistenceId.Replace("%", "%25").Replace("{", "%7B").Replace("}", "%7D") + "}";
}
