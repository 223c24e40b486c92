using System.Collections.Concurrent;
using System.Security.Cryptography;
using BetExecutor.Venues.Simulator;
using BetExecutor.Venue.Simulator.Endpoints;

namespace BetExecutor.Venue.Simulator;

/// <summary>
/// One venue: its book, clock and front desk, and the endpoints that serve them. The server has a default venue at its
/// root and, for each run a runner starts (<c>POST /control/runs</c>), a fresh one under <c>runs/{runId}/</c>, so a
/// second scenario run against the same simulator starts from an empty book and a clock of its own.
/// </summary>
internal sealed class VenueWorld
{
    public VenueWorld(VenueServerOptions options, IHostApplicationLifetime lifetime, DateTimeOffset? virtualStart)
    {
        Clock = new VenueClock(virtualStart);
        Simulator = new VenueSimulator(Clock, options.Seed, options.DefaultScript, options.Faults);
        Desk = new VenueFrontDesk();
        Placement = new PlacementEndpoint(Simulator, Desk, Clock, options, lifetime);
        Queries = new QueryEndpoints(Simulator, Desk, Clock, options, lifetime);
        Control = new ControlEndpoints(Simulator, Desk, Clock);
    }

    public VenueClock Clock { get; }
    public VenueSimulator Simulator { get; }
    public VenueFrontDesk Desk { get; }
    public PlacementEndpoint Placement { get; }
    public QueryEndpoints Queries { get; }
    public ControlEndpoints Control { get; }
}

/// <summary>The runs started on this server, by id. Bounded: a simulator is a test tool, not a store.</summary>
internal sealed class VenueRuns(VenueServerOptions options, IHostApplicationLifetime lifetime)
{
    public const int MaxRuns = 1_000;

    private readonly ConcurrentDictionary<string, (long Order, VenueWorld World)> _runs = new(StringComparer.Ordinal);
    private long _started;

    public bool TryStart(out string runId)
    {
        runId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        if (_runs.Count >= MaxRuns) return false;
        return _runs.TryAdd(runId, (Interlocked.Increment(ref _started), new VenueWorld(options, lifetime, virtualStart: null)));
    }

    public IEnumerable<VenueWorld> All() => _runs.Values.OrderBy(r => r.Order).Select(r => r.World);

    public VenueWorld? Find(string runId) => _runs.TryGetValue(runId, out var run) ? run.World : null;
}
