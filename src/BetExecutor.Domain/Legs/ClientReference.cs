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
/// <para>
/// With Redis retention on, a closed pair is forgotten, and a signal id outside its window can be accepted again: a
/// pair id alone would then name the old pair's bets, which the venue still holds (it answers a known reference with
/// the bet it holds), and a hedge could be placed against a positive hedged long ago. Such acceptances also hash the
/// instant the signal was accepted (<paramref name="acceptedAt"/>), recorded in the acceptance: every acceptance of
/// an id gets its own references, and both legs of one pair share it.
/// </para>
/// </remarks>
public sealed record ClientReference(string Value)
{
    private const string PositiveSuffix = "-p";
    private const string HedgeSuffix = "-h";

    /// <param name="acceptedAt">When the pair's signal was accepted, for an acceptance that records it
    /// (per-acceptance references, see remarks); null: the pair id alone.</param>
    public static ClientReference For(Identity owner, string pairId, LegKind leg, DateTimeOffset? acceptedAt = null)
    {
        var key = acceptedAt is { } at ? $"{owner.Key}|{pairId}|{at.UtcTicks}" : $"{owner.Key}|{pairId}";
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        var suffix = leg == LegKind.Positive ? PositiveSuffix : HedgeSuffix;
        return new ClientReference($"bx-{Convert.ToHexStringLower(digest, 0, 8)}{suffix}");
    }

    /// <summary>Whether this is a positive leg's reference (the hedge's can be told from it, <see cref="HedgeOf"/>).</summary>
    public bool IsPositive() => Value.EndsWith(PositiveSuffix, StringComparison.Ordinal);

    /// <summary>
    /// The hedge's reference of the pair whose positive was placed as <paramref name="positive"/>: taken from the
    /// recorded positive, so a pair recorded before references carried its acceptance keeps its own pair of references.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="positive"/> is not a positive leg's reference.</exception>
    public static ClientReference HedgeOf(ClientReference positive)
    {
        if (!positive.IsPositive())
            throw new ArgumentException($"'{positive.Value}' is not a positive leg's client reference", nameof(positive));
        return new ClientReference(positive.Value[..^PositiveSuffix.Length] + HedgeSuffix);
    }

    public override string ToString() => Value;
}
