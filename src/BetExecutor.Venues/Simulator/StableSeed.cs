namespace BetExecutor.Venues.Simulator;

/// <summary>
/// Turns the parts that name one decision (simulator seed, account, client reference, attempt number) into a seed
/// for <see cref="Random"/>.
/// </summary>
/// <remarks>
/// <see cref="string.GetHashCode()"/> is randomised per process, so it cannot give runs that repeat; this is 64-bit
/// FNV-1a, the same on every machine and every run. Each part is preceded by its length, so ("ab", "c") and
/// ("a", "bc") never feed the same bytes.
/// </remarks>
internal static class StableSeed
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Hash(params string[] parts)
    {
        var hash = OffsetBasis;
        foreach (var part in parts)
        {
            hash = Mix(hash, part.Length);
            foreach (var c in part) hash = Mix(hash, c);
        }
        return hash;
    }

    public static Random RandomFor(params string[] parts)
    {
        var hash = Hash(parts);
        return new Random((int)(hash ^ (hash >> 32)));
    }

    private static ulong Mix(ulong hash, int value)
    {
        for (var shift = 0; shift < 32; shift += 8)
        {
            hash = (hash ^ (byte)(value >> shift)) * Prime;
        }
        return hash;
    }
}
