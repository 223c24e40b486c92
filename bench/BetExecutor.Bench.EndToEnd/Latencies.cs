using HdrHistogram;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>An HdrHistogram of microseconds, and its percentiles as the results show them (milliseconds).</summary>
internal sealed class Latencies
{
    private readonly LongHistogram _histogram = new(600_000_000L, 3) /* up to 10 minutes, in microseconds */;
    private readonly Lock _gate = new();

    public void Record(TimeSpan value)
    {
        var micros = Math.Max(1L, (long)value.TotalMicroseconds);
        lock (_gate) _histogram.RecordValue(Math.Min(micros, _histogram.HighestTrackableValue));
    }

    public long Count
    {
        get { lock (_gate) return _histogram.TotalCount; }
    }

    public double PercentileMs(double percentile)
    {
        lock (_gate) return _histogram.GetValueAtPercentile(percentile) / 1000.0;
    }

    public double MaxMs
    {
        get { lock (_gate) return _histogram.GetMaxValue() / 1000.0; }
    }

    public string Summary() =>
        $"p50 {PercentileMs(50):F3} / p90 {PercentileMs(90):F3} / p99 {PercentileMs(99):F3} / p99.9 {PercentileMs(99.9):F3} / max {MaxMs:F3} ms (n = {Count:N0})";
}
