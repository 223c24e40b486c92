using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BetExecutor.Domain.Exposures;

namespace BetExecutor.Telemetry;

/// <summary>
/// The executor's instruments, on one meter named <see cref="MeterName"/> (one instance per node; a test makes its
/// own and listens to that instance only). Label values are stable codes, never free text and never identity names:
/// a label per identity would make a series per account. Prometheus names are in README.md.
/// </summary>
public sealed class ExecutorMetrics : IDisposable
{
    /// <summary>The meter every BetExecutor instrument is on (the Redis journal's and lease's too).</summary>
    public const string MeterName = "BetExecutor";

    /// <summary>Latency buckets in seconds: a pair's steps take milliseconds; seconds mean something waited.</summary>
    private static readonly double[] LatencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly ConcurrentDictionary<string, byte> _active = new();
    private readonly ConcurrentDictionary<string, ExposureRecord[]> _unresolved = new();
    private readonly Func<DateTimeOffset> _now;
    private readonly string _node;

    /// <param name="node">This node's name: the <c>node</c> label of the per-node gauges.</param>
    /// <param name="now">The executor's clock, to tell an open exposure from an expired one at collection time.</param>
    public ExecutorMetrics(string node, Func<DateTimeOffset> now)
    {
        _node = node;
        _now = now;
        Meter = new Meter(MeterName);
        Signals = new LabelledCounts(Meter, "betexec.signals", "{signal}",
            "Signals answered, by decision (executed, rejected, duplicate, unknown) and denial reason", "decision", "reason");
        LegsPlaced = new LabelledCounts(Meter, "betexec.legs.placed", "{leg}",
            "Placement requests answered, by leg (positive, hedge) and outcome (accepted, rejected, unknown)", "leg", "outcome");
        UnknownPlacements = new LabelledCounts(Meter, "betexec.placements.unknown", "{leg}",
            "Placements whose outcome was unknown (no definite answer, or a restart while pending), by leg", "leg");
        UnknownResolutions = new LabelledCounts(Meter, "betexec.placements.unknown.resolved", "{leg}",
            "How unknown placements ended: found, not-found or unresolved (lookups failed through the window)", "leg", "resolution");
        ExposuresRaised = new LabelledCounts(Meter, "betexec.exposures.raised", "{exposure}",
            "Exposures raised (stored), by reason", "reason");
        CooldownRejections = new LabelledCounts(Meter, "betexec.cooldown.rejections", "{signal}",
            "Signals refused because their identity was cooling down");
        CooldownViolations = new LabelledCounts(Meter, "betexec.cooldown.violations", "{positive}",
            "Positives sent closer than the cooldown to the identity's previous positive, checked independently of the rule: must stay 0");
        SettlementPolls = new LabelledCounts(Meter, "betexec.settlement.polls", "{poll}",
            "Settlement polls stored");
        Reconciliations = new LabelledCounts(Meter, "betexec.settlement.reconciliations", "{pair}",
            "Pairs at the end of settlement: venue states against the executor's pair (match, mismatch, unsettled) and the exposure reason", "result", "reason");
        SignalToPositive = Meter.CreateHistogram("betexec.signal_to_positive.duration", "s",
            "From a signal's acceptance by its account to its positive's placement leaving (intent stored)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        PositiveToHedge = Meter.CreateHistogram("betexec.positive_to_hedge.duration", "s",
            "From the positive's acceptance (venue answer decided on) to the first hedge placement leaving (intent stored)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        Meter.CreateObservableGauge("betexec.identities.active", () => new Measurement<int>(_active.Count, new KeyValuePair<string, object?>("node", _node)),
            "{identity}", "Identity accounts running on this node");
        Meter.CreateObservableGauge("betexec.exposures.open", ObserveOpenExposures,
            "{exposure}", "Exposures open (neither resolved nor expired) on this node's accounts, including idle ones it passivated");

        CooldownViolations.Declare();
        CooldownRejections.Declare();
        SettlementPolls.Declare();
    }

    public Meter Meter { get; }

    public LabelledCounts Signals { get; }
    public LabelledCounts LegsPlaced { get; }
    public LabelledCounts UnknownPlacements { get; }
    public LabelledCounts UnknownResolutions { get; }
    public LabelledCounts ExposuresRaised { get; }
    public LabelledCounts CooldownRejections { get; }
    public LabelledCounts CooldownViolations { get; }
    public LabelledCounts SettlementPolls { get; }
    public LabelledCounts Reconciliations { get; }
    public Histogram<double> SignalToPositive { get; }
    public Histogram<double> PositiveToHedge { get; }

    /// <summary>Identities whose account runs on this node now.</summary>
    public int ActiveIdentities => _active.Count;

    /// <summary>Exposures open now on this node's accounts.</summary>
    public int OpenExposures
    {
        get
        {
            var now = _now();
            return _unresolved.Values.Sum(list => list.Count(x => x.StatusAt(now) == ExposureStatus.Open));
        }
    }

    internal void Started(string identityKey) => _active[identityKey] = 0;

    internal void Stopped(string identityKey, bool passivated)
    {
        _active.TryRemove(identityKey, out _);
        // A passivated account's exposures are still open: they stay counted here until it runs again (here or,
        // after a rebalance, elsewhere). An account handed off or stopped with its node is counted where it runs next.
        if (!passivated) _unresolved.TryRemove(identityKey, out _);
    }

    internal void ExposuresAre(string identityKey, IEnumerable<ExposureRecord> exposures)
    {
        var unresolved = exposures.Where(x => x.ResolvedAt is null).ToArray();
        if (unresolved.Length == 0) _unresolved.TryRemove(identityKey, out _);
        else _unresolved[identityKey] = unresolved;
    }

    private Measurement<int> ObserveOpenExposures() => new(OpenExposures, new KeyValuePair<string, object?>("node", _node));

    public void Dispose() => Meter.Dispose();
}
