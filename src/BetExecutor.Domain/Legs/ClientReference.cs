using System.Security.Cryptography;
using System.Text;
using BetExecutor.Domain.Identities;

namespace BetExecutor.Domain.Legs;

/// <summary>
/// The idempotency key a leg is placed with. It is persisted before the request leaves, is the same for every
/// attempt of the leg, and is how an unknown outcome is resolved (lookup by client reference).
/// </summary>
/// <remarks>
/// Derived from the owning (positive) identity and the pair id, because pair ids are only unique per identity:
/// two identities may hedge on the same account with the same signal id, and sharing a key there would make the
/// venue answer the second hedge with the first one's bet. Hashed to stay short (venues cap reference lengths,
/// e.g. 32 characters) while keeping 64 bits of the digest.
/// </remarks>
public sealed record ClientReference(string Value)
{
    public static ClientReference For(Identity owner, string pairId, LegKind leg)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{owner.Key}|{pairId}"));
        var suffix = leg == LegKind.Positive ? "p" : "h";
        return new ClientReference($"bx-{Convert.ToHexStringLower(digest, 0, 8)}-{suffix}");
    }

    public override string ToString() => Value;
}
