using System.Text;

namespace BetExecutor.Persistence.Redis;

/// <summary>
/// Redis Cluster's key → slot function (CRC16/XMODEM of the key's hash tag, or of the whole key when it has no
/// non-empty tag, modulo 16384), and for every slot one short tag that hashes to it. The journal needs the second to
/// give each slot a copy of the storage epoch that a script on that slot may read (a script touches one slot only).
/// </summary>
public static class ClusterSlot
{
    public const int Count = 16384;

    private static readonly Lazy<string[]> Tags = new(FindTags);

    public static int Of(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        var open = Array.IndexOf(bytes, (byte)'{');
        if (open >= 0)
        {
            var close = Array.IndexOf(bytes, (byte)'}', open + 1);
            if (close > open + 1) bytes = bytes[(open + 1)..close];
        }
        return Crc16(bytes) % Count;
    }

    /// <summary>A tag (text to put between braces) whose keys all land in <paramref name="slot"/>.</summary>
    public static string TagFor(int slot) => Tags.Value[slot];

    public static int Crc16(ReadOnlySpan<byte> data)
    {
        var crc = 0;
        foreach (var b in data)
        {
            crc ^= b << 8;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x1021) & 0xFFFF : (crc << 1) & 0xFFFF;
        }
        return crc;
    }

    /// <summary>Counts up in base 36 until every slot has a tag: about 170,000 short strings, a few milliseconds, always the same answer.</summary>
    private static string[] FindTags()
    {
        var tags = new string[Count];
        var found = 0;
        Span<byte> buffer = stackalloc byte[8];
        for (var n = 0; found < Count; n++)
        {
            var length = Base36(n, buffer);
            var slot = Crc16(buffer[..length]) % Count;
            if (tags[slot] is not null) continue;
            tags[slot] = Encoding.ASCII.GetString(buffer[..length]);
            found++;
        }
        return tags;
    }

    private static int Base36(int value, Span<byte> into)
    {
        const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
        Span<byte> reversed = stackalloc byte[8];
        var length = 0;
        do
        {
            reversed[length++] = (byte)digits[value % 36];
            value /= 36;
        } while (value > 0);
        for (var i = 0; i < length; i++) into[i] = reversed[length - 1 - i];
        return length;
    }
}
