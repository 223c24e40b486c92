using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Http;
using BetExecutor.Venues.Scripts;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Cli.Simulate;

/// <summary>
/// The venue a scenario runs against: scripted per leg before each signal, and read back afterwards for the
/// results (bets held and requests received per leg come from the venue's own book, never from the executor).
/// </summary>
public interface IScenarioVenue : IAsyncDisposable
{
    /// <summary>The directory the node places through, or null for the simulation's own in-process simulator.</summary>
    IVenueDirectory? Directory { get; }

    Task StartAsync(DateTimeOffset start);

    Task ScriptAsync(ClientReference reference, LegScript script);

    Task MoveClockAsync(DateTimeOffset now);

    /// <summary>Bets held and placement requests received for a client reference, read once the run is over.</summary>
    Task<Func<ClientReference, (int Held, int Attempts)>> ReadBookAsync();
}

/// <summary>The in-process simulator inside the scenario's node (the default).</summary>
public sealed class InProcessScenarioVenue(Func<VenueSimulator> simulator) : IScenarioVenue
{
    public IVenueDirectory? Directory => null;

    public Task StartAsync(DateTimeOffset start) => Task.CompletedTask;

    public Task ScriptAsync(ClientReference reference, LegScript script)
    {
        simulator().Script(reference, script);
        return Task.CompletedTask;
    }

    public Task MoveClockAsync(DateTimeOffset now) => Task.CompletedTask; // it reads the node's virtual clock

    public Task<Func<ClientReference, (int Held, int Attempts)>> ReadBookAsync()
    {
        var venue = simulator();
        return Task.FromResult<Func<ClientReference, (int, int)>>(r => (venue.Held(r).Count, venue.Attempts(r).Count));
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>
/// The HTTP venue simulator at <c>--venue</c>: each run starts a venue of its own there (<c>POST /control/runs</c>:
/// an empty book and a clock of its own), so a simulator can serve run after run. Legs are scripted and the run's
/// clock is moved through its control API, and the node places over real HTTP with the resilient client.
/// </summary>
public sealed class HttpScenarioVenue(Uri baseAddress) : IScenarioVenue
{
    private HttpVenueControl? _control;
    private HttpVenueDirectory? _directory;

    public IVenueDirectory? Directory => _directory ?? throw new InvalidOperationException("the run's venue is not started");

    /// <summary>Where this run's venue is served (set by <see cref="StartAsync"/>).</summary>
    public Uri? RunAddress { get; private set; }

    public async Task StartAsync(DateTimeOffset start)
    {
        using (var simulator = new HttpVenueControl(baseAddress)) RunAddress = await simulator.StartRunAsync();
        _control = new HttpVenueControl(RunAddress);
        _directory = new HttpVenueDirectory(RunAddress, new HttpVenueClientOptions
        {
            VenueName = "scenario-venue",
            // A held ("lost") answer costs this much real time; the scenario's own clock is virtual.
            PlacementTimeout = TimeSpan.FromSeconds(2),
            // Scripted failing lookups must not open the breaker for every other leg of the scenario.
            BreakerMinimumThroughput = 100_000,
        });
        await _control.SetClockAsync(start);
    }

    private HttpVenueControl Control => _control ?? throw new InvalidOperationException("the run's venue is not started");

    public Task ScriptAsync(ClientReference reference, LegScript script) => Control.ScriptAsync(reference, script);

    public Task MoveClockAsync(DateTimeOffset now) => Control.SetClockAsync(now);

    public async Task<Func<ClientReference, (int Held, int Attempts)>> ReadBookAsync()
    {
        var book = await Control.GetBookAsync();
        // Counted once per reference here, so reading every signal's two legs costs O(1) each, not a scan of the book.
        var held = book.Bets.CountBy(b => b.ClientReference, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal);
        var attempts = book.References.GroupBy(c => c.ClientReference, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Attempts), StringComparer.Ordinal);
        return r => (held.GetValueOrDefault(r.Value), attempts.GetValueOrDefault(r.Value));
    }

    public ValueTask DisposeAsync()
    {
        _control?.Dispose();
        _directory?.Dispose();
        return ValueTask.CompletedTask;
    }
}
