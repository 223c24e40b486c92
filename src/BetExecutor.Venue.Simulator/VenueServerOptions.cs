using BetExecutor.Venues.Scripts;
using BetExecutor.Venues.Simulator;

namespace BetExecutor.Venue.Simulator;

/// <summary>How a <see cref="VenueSimulatorServer"/> is started.</summary>
public sealed record VenueServerOptions
{
    /// <summary>Where to listen; loopback only. 127.0.0.1 on a free port if not given.</summary>
    public IReadOnlyList<LoopbackEndpoint> Endpoints { get; init; } = [LoopbackEndpoint.Of(System.Net.IPAddress.Loopback, 0)];

    /// <summary>Seeds the venue (bet ids, fault draws) and the HTTP faults: same seed, same requests, same answers.</summary>
    public int Seed { get; init; }

    /// <summary>How unscripted references are answered (accept and stay pending if neither this nor <see cref="Faults"/> is given).</summary>
    public LegScript? DefaultScript { get; init; }

    /// <summary>Seeded venue faults for unscripted references (the in-process simulator's own profile).</summary>
    public FaultProfile? Faults { get; init; }

    /// <summary>Faults of the HTTP layer: latency, 429s, pending acceptance, duplicate delivery, refunds.</summary>
    public HttpFaultProfile HttpFaults { get; init; } = HttpFaultProfile.None;

    /// <summary>Starts the venue's clock virtual at this instant; null follows real time until <c>POST /control/clock</c>.</summary>
    public DateTimeOffset? VirtualStart { get; init; }

    /// <summary>
    /// How long a lost answer (timeout-placed, timeout-not-placed) is held before the connection is dropped. The
    /// client normally gives up first; either way it never gets an answer.
    /// </summary>
    public TimeSpan LostAnswerHold { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Writes request and lifetime logs to the console (the standalone program does; tests do not).</summary>
    public bool ConsoleLogging { get; init; }
}
