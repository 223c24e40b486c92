using System.Globalization;
using StackExchange.Redis;

namespace BetExecutor.Persistence.Redis;

/// <summary>
/// A write counts only once <see cref="Replicas"/> replicas have it (Redis <c>WAIT</c>): a primary that dies right after
/// answering then loses nothing that was acknowledged, because the replica promoted in its place already holds it.
/// <c>WAIT</c> covers every earlier write of the connection it runs on, so it is sent to the primary of the written
/// keys, through the same multiplexer (one connection per server) right after the writes were answered.
/// </summary>
public sealed class ReplicaWait(int replicas, TimeSpan timeout)
{
    public int Replicas { get; } = replicas;

    public TimeSpan Timeout { get; } = timeout;

    public bool IsOn => Replicas > 0;

    /// <summary>Waits on the primary of each of <paramref name="written"/>'s slots (one WAIT per primary).</summary>
    /// <exception cref="ReplicaAcknowledgementException">a primary counted fewer replicas in time.</exception>
    public async Task ConfirmAsync(IDatabase db, IEnumerable<RedisKey> written, string what)
    {
        if (!IsOn) return;
        var servers = written.Select(key => db.Multiplexer.GetServer(key, flags: CommandFlags.DemandMaster))
            .DistinctBy(server => server.EndPoint.ToString()).ToArray();
        var waits = servers.Select(server => server.ExecuteAsync("WAIT", Replicas, (long)Timeout.TotalMilliseconds)).ToArray();
        for (var i = 0; i < servers.Length; i++)
        {
            var acknowledged = (long)await waits[i].ConfigureAwait(false);
            if (acknowledged < Replicas)
                throw new ReplicaAcknowledgementException(what, servers[i].EndPoint.ToString() ?? "?", acknowledged, Replicas, Timeout);
        }
    }
}

/// <summary>
/// The primary stored the write but too few replicas confirmed it in time: a failover now could lose it, so it is
/// not acknowledged. Reported as a write failure (the persistent actor stops and acts on nothing); its recovery reads
/// whatever the storage then holds.
/// </summary>
public sealed class ReplicaAcknowledgementException(string what, string primary, long acknowledged, int required, TimeSpan timeout)
    : Exception($"{what} not confirmed by enough replicas: {acknowledged} of {required} within " +
                $"{timeout.TotalMilliseconds.ToString(CultureInfo.InvariantCulture)} ms on primary {primary} (wait-for-replicas); treated as failed")
{
    public long Acknowledged { get; } = acknowledged;
    public int Required { get; } = required;
}
