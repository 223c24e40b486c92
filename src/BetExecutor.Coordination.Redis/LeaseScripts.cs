using Akka.Coordination;
using StackExchange.Redis;

namespace BetExecutor.Coordination.Redis;

/// <summary>What Redis answered to an acquire.</summary>
internal abstract record AcquireOutcome
{
    /// <summary>The lease is ours; <paramref name="Token"/> is the fencing token of this grant.</summary>
    public sealed record Granted(long Token) : AcquireOutcome;

    /// <summary>Another owner holds the lease.</summary>
    public sealed record Refused(string Holder) : AcquireOutcome;
}

/// <summary>The three server-side steps of a lease (Scripts/*.lua), each atomic in Redis.</summary>
internal static class LeaseScripts
{
    private static readonly string AcquireScript = EmbeddedResources.Script("acquire");
    private static readonly string RenewScript = EmbeddedResources.Script("renew");
    private static readonly string ReleaseScript = EmbeddedResources.Script("release");

    /// <exception cref="LeaseTimeoutException">granted, but fewer than <paramref name="waitForReplicas"/> replicas confirmed it in time.</exception>
    public static async Task<AcquireOutcome> AcquireAsync(IDatabase db, LeaseKeys keys, string owner, TimeSpan ttl, int waitForReplicas = 0, TimeSpan waitTimeout = default)
    {
        // WAIT covers the earlier writes of its own connection only: it must go to the primary that ran the script.
        var primary = waitForReplicas > 0 ? db.Multiplexer.GetServer(keys.Lease, flags: CommandFlags.DemandMaster) : null;
        var answer = (RedisResult[])(await db.ScriptEvaluateAsync(
            AcquireScript, [keys.Lease, keys.Token], [owner, Milliseconds(ttl)], CommandFlags.DemandMaster).ConfigureAwait(false))!;
        if ((int)answer[0] != 1) return new AcquireOutcome.Refused((string?)answer[1] ?? string.Empty);
        if (primary is not null) await ConfirmOnReplicasAsync(db, keys, primary, waitForReplicas, waitTimeout).ConfigureAwait(false);
        return new AcquireOutcome.Granted((long)answer[1]);
    }

    /// <summary>
    /// A grant and its token count only once replicas hold them: after a failover the promoted replica then has a
    /// token counter at least as high as every token handed out, so tokens never go backwards.
    /// </summary>
    private static async Task ConfirmOnReplicasAsync(IDatabase db, LeaseKeys keys, IServer primary, int replicas, TimeSpan timeout)
    {
        var now = db.Multiplexer.GetServer(keys.Lease, flags: CommandFlags.DemandMaster);
        if (!Equals(now.EndPoint, primary.EndPoint))
            throw new LeaseTimeoutException($"The grant of {keys.Lease} cannot be confirmed: its slot moved from {primary.EndPoint} to {now.EndPoint}; the outcome is unknown.");
        var acknowledged = (long)await primary.ExecuteAsync("WAIT", replicas, Milliseconds(timeout)).ConfigureAwait(false);
        if (acknowledged < replicas)
            throw new LeaseTimeoutException(
                $"The grant of {keys.Lease} was confirmed by {acknowledged} of {replicas} replicas of {primary.EndPoint} within {timeout} (wait-for-replicas); the outcome is unknown.");
    }

    /// <returns>Whether the owner still held the lease (and its TTL was pushed out).</returns>
    public static async Task<bool> RenewAsync(IDatabase db, LeaseKeys keys, string owner, TimeSpan ttl) =>
        (int)(await db.ScriptEvaluateAsync(RenewScript, [keys.Lease], [owner, Milliseconds(ttl)]).ConfigureAwait(false)) == 1;

    /// <returns>Whether the owner held the lease and it is now free.</returns>
    public static async Task<bool> ReleaseAsync(IDatabase db, LeaseKeys keys, string owner) =>
        (int)(await db.ScriptEvaluateAsync(ReleaseScript, [keys.Lease], [owner]).ConfigureAwait(false)) == 1;

    private static long Milliseconds(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds);
}
