using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BetExecutor.Venue.Simulator;

/// <summary>
/// A <see cref="Random"/> per request, seeded from the parts that name it. A hash, not <see cref="string.GetHashCode()"/>
/// (randomised per process), so runs repeat across processes and machines.
/// </summary>
internal static class FaultDice
{
    public static Random For(int seed, params string[] parts)
    {
        // Length-prefixed parts: ("ab","c") and ("a","bc") must not meet.
        var text = new StringBuilder().Append(seed).Append('|');
        foreach (var part in parts) text.Append(part.Length).Append(':').Append(part).Append('|');
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return new Random(BinaryPrimitives.ReadInt32LittleEndian(digest));
    }
}
