using System.Text;

namespace BetExecutor.Persistence.Redis.Tests.Infrastructure;

/// <summary>
/// Redis Cluster's key → slot function (CRC16/XMODEM of the hash tag, or of the whole key when it
/// has no non-empty tag, modulo 16384), written from the cluster specification so the tests can
/// check which keys land together without a cluster.
/// </summary>
public static class RedisClusterSlot
{
    public static int Of(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        var open = Array.IndexOf(bytes, (byte)'{');
        if (open >= 0)
        {
            var close = Array.IndexOf(bytes, (byte)'}', open + 1);
            if (close > open + 1) bytes = bytes[(open + 1)..close];
        }
        return Crc16(bytes) % 16384;
    }

    public static int Crc16(byte[] data)
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
}
