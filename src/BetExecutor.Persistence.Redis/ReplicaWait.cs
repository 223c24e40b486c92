using System.Globalization;
using StackExchange.Redis;

namespace BetExecutor.Persistence.Redis;

/// <summary>
/// A write counts only once <see cref="Replicas"/> replicas have it (Redis <c>WAIT</c>): a primary that dies right after
/// answering then loses nothing that was acknowledged, because the replica promoted in its place already holds it.
/// <c>WAIT</c> covers the earlier writes of the connection it runs on only, so it must reach the very primary that took
/// the writes: <see cref="Route"/> notes, before they are sent (to the primary, <see cref="WriteFlags"/>), which server
/// each key's writes go to, and <see cref="ConfirmAsync"/> fails when the slot has since moved rather than ask another.
/// </summary>
public sealed class ReplicaWait(int replicas, TimeSpan timeout)
{
    public int Replicas { get; } = replicas;

    public TimeSpan Timeout { get; } = timeout;

    public bool IsOn => Replicas > 0;

    /// <summary>Writes go to the primary of their slot, never to a replica standing in for it.</summary>
    public const CommandFlags WriteFlags = CommandFlags.DemandMaster;

    /// <summary>The server each key's writes will be sent to (the multiplexer routes them the same way); empty when off.</summary>
    public IReadOnlyList<(RedisKey Key, IServer Server)> Route(IDatabase db, IEnumerable<RedisKey> keys) =>
        IsOn ? keys.Select(key => (key, db.Multiplexer.GetServer(key, flags: WriteFlags))).ToArray() : [];

    /// <summary>One WAIT per primary of <paramref name="route"/>, after every write to it was answered.</summary>
    /// <exception cref="ReplicaAcknowledgementException">a slot moved meanwhile, or a primary counted fewer replicas in time.</exception>
    public async Task ConfirmAsync(IDatabase db, IReadOnlyList<(RedisKey Key, IServer Server)> route, string what)
    {
        if (!IsOn) return;
        foreach (var (key, server) in route)
        {
            var now = db.Multiplexer.GetServer(key, flags: WriteFlags);
            if (!Equals(now.EndPoint, server.EndPoint))
                throw new ReplicaAcknowledgementException(what, $"its slot moved from {server.EndPoint} to {now.EndPoint} while it was written", 0, Replicas);
        }
        var servers = route.Select(r => r.Server).DistinctBy(s => s.EndPoint).ToArray();
        var waits = servers.Select(server => server.ExecuteAsync("WAIT", Replicas, (long)Timeout.TotalMilliseconds)).ToArray();
        for (var i = 0; i < servers.Length; i++)
        {
            var acknowledged = (long)await waits[i].ConfigureAwait(false);
            if (acknowledged < Replicas)
            {
                throw new ReplicaAcknowledgementException(what,
                    $"{acknowledged} of {Replicas} replicas of {servers[i].EndPoint} confirmed it within {Timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms",
                    acknowledged, Replicas);
            }
        }
    }
}

/// <summary>
/// The primary stored the write but too few replicas confirmed it in time (or it cannot be told which primary took it):
/// a failover now could lose it, so it is not acknowledged. Reported as a write failure (the persistent actor stops
/// and acts on nothing); its recovery reads whatever the storage then holds.
/// </summary>
public sealed class ReplicaAcknowledgementException(string what, string reason, long acknowledged, int required)
    : Exception($"{what} not confirmed by enough replicas (wait-for-replicas = {required}): {reason}; treated as failed")
{
    public long Acknowledged { get; } = acknowledged;
    public int Required { get; } = required;
}
