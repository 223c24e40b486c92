using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace BetExecutor.Telemetry.Tests.Support;

/// <summary>
/// Listens to one <see cref="Meter"/> instance (a test's own node), so tests running side by side never see each
/// other's counts. Observable instruments are read on <see cref="Collect"/>; histogram samples as they are recorded.
/// </summary>
public sealed class MeterReading : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _observed = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _samples = new();

    public MeterReading(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _observed[Key(instrument.Name, tags)] = value);
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => _observed[Key(instrument.Name, tags)] = value);
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            _samples.GetOrAdd(instrument.Name, _ => new()).Enqueue(value));
        _listener.Start();
    }

    /// <summary>Reads every observable instrument now.</summary>
    public MeterReading Collect()
    {
        _observed.Clear();
        _listener.RecordObservableInstruments();
        return this;
    }

    /// <summary>The value of <paramref name="name"/> with exactly these labels (name=value); 0 when not exported.</summary>
    public long Value(string name, params string[] labels) =>
        _observed.TryGetValue($"{name}{{{string.Join(",", labels.Order(StringComparer.Ordinal))}}}", out var v) ? v : 0;

    /// <summary>Whether the series is exported at all (a declared zero counts).</summary>
    public bool Has(string name, params string[] labels) =>
        _observed.ContainsKey($"{name}{{{string.Join(",", labels.Order(StringComparer.Ordinal))}}}");

    /// <summary>Sum over every label combination of <paramref name="name"/>.</summary>
    public long Total(string name) => _observed.Where(kv => kv.Key.StartsWith(name + "{", StringComparison.Ordinal)).Sum(kv => kv.Value);

    public IReadOnlyList<double> Samples(string name) => _samples.TryGetValue(name, out var q) ? q.ToArray() : [];

    private static string Key(string name, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var parts = new List<string>();
        foreach (var tag in tags) parts.Add($"{tag.Key}={tag.Value}");
        parts.Sort(StringComparer.Ordinal);
        return $"{name}{{{string.Join(",", parts)}}}";
    }

    public void Dispose() => _listener.Dispose();
}
