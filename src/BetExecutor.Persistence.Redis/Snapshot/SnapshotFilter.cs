using System.Globalization;
using Akka.Persistence;
using StackExchange.Redis;

namespace BetExecutor.Persistence.Redis.Snapshot;

/// <summary>
/// Selection bounds as the ARGV of snapshot-load.lua / snapshot-delete.lua. Timestamps travel as
/// 19-digit zero-padded ticks: Lua numbers are doubles and cannot hold ticks exactly, while
/// equal-length digit strings compare in time order.
/// </summary>
internal static class SnapshotFilter
{
    public static RedisValue[] For(SnapshotSelectionCriteria criteria) =>
        [Format(criteria.MinSequenceNr), Format(criteria.MaxSequenceNr), Ticks(criteria.MinTimestamp ?? DateTime.MinValue), Ticks(criteria.MaxTimeStamp)];

    /// <summary>
    /// One snapshot by its metadata. A timestamp of <see cref="DateTime.MinValue"/> means "not given"
    /// (older callers): delete whatever is at that sequence number. Otherwise only a snapshot taken
    /// at or before the timestamp goes, as Akka's own snapshot stores do.
    /// </summary>
    public static RedisValue[] For(SnapshotMetadata metadata)
    {
        var upTo = metadata.Timestamp == DateTime.MinValue ? DateTime.MaxValue : metadata.Timestamp;
        return [Format(metadata.SequenceNr), Format(metadata.SequenceNr), Ticks(DateTime.MinValue), Ticks(upTo)];
    }

    public static string Ticks(DateTime timestamp) => timestamp.Ticks.ToString("D19", CultureInfo.InvariantCulture);

    public static DateTime ParseTicks(string padded) => new(long.Parse(padded, CultureInfo.InvariantCulture), DateTimeKind.Utc);

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
