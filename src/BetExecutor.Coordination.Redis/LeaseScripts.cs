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

    public static async Task<AcquireOutcome> AcquireAsync(IDatabase db, LeaseKeys keys, string owner, TimeSpan ttl)
    {
        var answer = (RedisResult[])(await db.ScriptEvaluateAsync(
            AcquireScript, [keys.Lease, keys.Token], [owner, Milliseconds(ttl)]).ConfigureAwait(false))!;
        return (int)answer[0] == 1
            ? new AcquireOutcome.Granted((long)answer[1])
            : new AcquireOutcome.Refused((string?)answer[1] ?? string.Empty);
    }

    /// <returns>Whether the owner still held the lease (and its TTL was pushed out).</returns>
    public static async Task<bool> RenewAsync(IDatabase db, LeaseKeys keys, string owner, TimeSpan ttl) =>
        (int)(await db.ScriptEvaluateAsync(RenewScript, [keys.Lease], [owner, Milliseconds(ttl)]).ConfigureAwait(false)) == 1;

    /// <returns>Whether the owner held the lease and it is now free.</returns>
    public static async Task<bool> ReleaseAsync(IDatabase db, LeaseKeys keys, string owner) =>
        (int)(await db.ScriptEvaluateAsync(ReleaseScript, [keys.Lease], [owner]).ConfigureAwait(false)) == 1;

    private static long Milliseconds(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds);
}
