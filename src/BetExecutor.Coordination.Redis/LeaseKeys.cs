using StackExchange.Redis;

namespace BetExecutor.Coordination.Redis;

/// <summary>
/// Key layout of one lease: <c>&lt;prefix&gt;lease:{&lt;name&gt;}</c> holds the owner and expires;
/// <c>&lt;prefix&gt;lease:{&lt;name&gt;}:token</c> counts grants and never expires. Both keys share the
/// <c>{name}</c> hash tag, so the grant script touches one Redis Cluster slot.
/// </summary>
public sealed record LeaseKeys(RedisKey Lease, RedisKey Token)
{
    public static LeaseKeys For(string keyPrefix, string leaseName)
    {
        // An empty tag, or a brace inside the name, could hash the two keys to different cluster slots.
        if (string.IsNullOrEmpty(leaseName) || leaseName.IndexOfAny(['{', '}']) >= 0)
            throw new ArgumentException($"A Redis lease name must be non-empty and free of '{{' and '}}' (got '{leaseName}').", nameof(leaseName));
        var lease = $"{keyPrefix}lease:{{{leaseName}}}";
        return new LeaseKeys(lease, lease + ":token");
    }
}
