using BetExecutor.Persistence.Redis;

namespace BetExecutor.Node.Hosting.Membership;

/// <summary>
/// What every member of one cluster must share: where identities' histories are stored (journal plugin and key
/// prefix) and how identities map to shards. A member that differs would own identities whose past it cannot see,
/// so the same signal id could execute twice. Compared when a member joins (<see cref="MembershipGate"/>).
/// </summary>
public sealed record PersistenceFingerprint(string JournalPluginId, string KeyPrefix, int Shards)
{
    private const string InMemoryJournal = "akka.persistence.journal.inmem";

    public static PersistenceFingerprint Of(NodeOptions options, int shards) => options.RedisConnectionString is null
        ? new PersistenceFingerprint(InMemoryJournal, "", shards)
        : new PersistenceFingerprint(RedisPersistence.JournalPluginId, options.RedisKeyPrefix, shards);

    /// <summary>One line, also the wire form (only <c>;</c>-free parts are written: plugin ids and prefixes have none).</summary>
    public string Encode() => $"journal={JournalPluginId};key-prefix={KeyPrefix};shards={Shards}";

    public static PersistenceFingerprint? Decode(string text)
    {
        var parts = text.Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        return parts.TryGetValue("journal", out var journal) && parts.TryGetValue("key-prefix", out var prefix)
            && parts.TryGetValue("shards", out var shardsText) && int.TryParse(shardsText, out var shards)
            ? new PersistenceFingerprint(journal, prefix, shards)
            : null;
    }

    public override string ToString() => $"journal {JournalPluginId}, key prefix '{KeyPrefix}', {Shards} shards";
}
