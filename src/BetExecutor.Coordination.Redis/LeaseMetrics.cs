using System.Diagnostics.Metrics;

namespace BetExecutor.Coordination.Redis;

/// <summary>
/// The lease's instruments on the process's "BetExecutor" meter (exported with the executor's, see
/// src/BetExecutor.Telemetry): grants and losses, counted since the process started.
/// </summary>
public static class LeaseMetrics
{
    private static readonly Meter Meter = new("BetExecutor");
    private static long _acquisitions;
    private static long _losses;

    static LeaseMetrics()
    {
        Meter.CreateObservableCounter("betexec.lease.acquisitions", () => Interlocked.Read(ref _acquisitions), "{lease}",
            "Leases granted to this node (a shard's or the split-brain resolver's)");
        Meter.CreateObservableCounter("betexec.lease.losses", () => Interlocked.Read(ref _losses), "{lease}",
            "Leases this node lost while holding them (renewals not confirmed in time)");
    }

    /// <summary>Creates the instruments now (their series exist at 0 before the first append or grant).</summary>
    public static void Declare() { }

    public static long Acquisitions => Interlocked.Read(ref _acquisitions);

    public static long Losses => Interlocked.Read(ref _losses);

    internal static void CountAcquired() => Interlocked.Increment(ref _acquisitions);

    internal static void CountLost() => Interlocked.Increment(ref _losses);
}
