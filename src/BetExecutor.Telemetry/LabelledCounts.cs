using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace BetExecutor.Telemetry;

/// <summary>
/// A monotonic count per combination of label values, exported as an observable counter: every count since the node
/// started is reported at each collection, whenever the exporter began listening, and a count declared with
/// <see cref="Declare"/> is exported as 0 before anything happened (a dashboard's "must stay 0" series exists).
/// </summary>
public sealed class LabelledCounts
{
    private readonly string[] _labels;
    private readonly ConcurrentDictionary<LabelValues, Box> _counts = new();

    public LabelledCounts(Meter meter, string name, string unit, string description, params string[] labels)
    {
        _labels = labels;
        meter.CreateObservableCounter(name, Observe, unit, description);
    }

    /// <summary>Makes the series exist at 0.</summary>
    public void Declare(params string[] values) => _counts.GetOrAdd(Key(values), _ => new Box());

    public void Add(params string[] values) => Interlocked.Increment(ref _counts.GetOrAdd(Key(values), _ => new Box()).Value);

    /// <summary>The count for these label values (0 when never counted).</summary>
    public long Value(params string[] values) => _counts.TryGetValue(Key(values), out var box) ? Interlocked.Read(ref box.Value) : 0;

    private LabelValues Key(string[] values)
    {
        if (values.Length != _labels.Length)
            throw new ArgumentException($"expected {_labels.Length} label value(s) ({string.Join(", ", _labels)}), got {values.Length}", nameof(values));
        return new LabelValues(values.Length > 0 ? values[0] : null, values.Length > 1 ? values[1] : null);
    }

    private IEnumerable<Measurement<long>> Observe()
    {
        foreach (var (key, box) in _counts)
        {
            var tags = new KeyValuePair<string, object?>[_labels.Length];
            if (_labels.Length > 0) tags[0] = new(_labels[0], key.First);
            if (_labels.Length > 1) tags[1] = new(_labels[1], key.Second);
            yield return new Measurement<long>(Interlocked.Read(ref box.Value), tags);
        }
    }

    private sealed class Box
    {
        public long Value;
    }

    private readonly record struct LabelValues(string? First, string? Second);
}
