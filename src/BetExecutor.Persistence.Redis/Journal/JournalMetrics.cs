using System.Diagnostics.Metrics;

namespace BetExecutor.Persistence.Redis.Journal;

/// <summary>
/// The journal's instruments on the process's "BetExecutor" meter (exported with the executor's, see
/// src/BetExecutor.Telemetry): how long appends take, and how many a rival writer's fence turned away.
/// </summary>
public static class JournalMetrics
{
    private static readonly Meter Meter = new("BetExecutor");
    private static long _fenced;

    /// <summary>One batch of appends, from the first script sent to the last confirmed (replica waits included).</summary>
    public static readonly Histogram<double> AppendDuration = Meter.CreateHistogram("betexec.journal.append.duration", "s",
        "Journal append batches: Redis round trip and replica waits",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    static JournalMetrics()
    {
        // Observed, so the count since start is exported whenever an exporter begins to listen, and exists at 0.
        Meter.CreateObservableCounter("betexec.journal.appends.fenced", () => Interlocked.Read(ref _fenced), "{append}",
            "Appends refused because another writer moved the persistence id's history on (split brain or a stale incarnation)");
    }

    /// <summary>Creates the instruments now (their series exist at 0 before the first append or grant).</summary>
    public static void Declare() { }

    /// <summary>Appends fenced off since the process started.</summary>
    public static long Fenced => Interlocked.Read(ref _fenced);

    internal static void CountFenced() => Interlocked.Increment(ref _fenced);
}
