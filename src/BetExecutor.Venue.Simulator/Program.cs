using System.Globalization;
using BetExecutor.Venues.Simulator;
using BetExecutor.Venue.Simulator;

// The venue simulator as a process: dotnet run --project src/BetExecutor.Venue.Simulator -- --urls http://127.0.0.1:5080 [--seed N] [--faults]
// Loopback only: any other address is refused before anything listens.

var urls = "http://127.0.0.1:5080";
var seed = 0;
var faults = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--urls" when i + 1 < args.Length:
            urls = args[++i];
            break;
        case "--seed" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value):
            seed = value;
            i++;
            break;
        case "--faults":
            faults = true;
            break;
        case "--help" or "-h":
            Console.WriteLine("usage: BetExecutor.Venue.Simulator [--urls http://127.0.0.1:5080[;http://[::1]:5080]] [--seed N] [--faults]");
            return 0;
        default:
            Console.Error.WriteLine($"unknown or incomplete argument '{args[i]}' (try --help)");
            return 2;
    }
}

var endpoints = new List<LoopbackEndpoint>();
foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
{
    if (!LoopbackEndpoint.TryParse(url, out var endpoint, out var error))
    {
        Console.Error.WriteLine($"refusing to start: {error}");
        return 2;
    }
    endpoints.Add(endpoint!);
}

var options = new VenueServerOptions { Endpoints = endpoints, Seed = seed, ConsoleLogging = true };
if (faults)
{
    // A mixed day at a soft book, for trying the executor by hand; the tests set their own profiles.
    options = options with
    {
        Faults = new FaultProfile
        {
            RejectPermanent = 0.05, RejectTransient = 0.05, TimeoutPlaced = 0.02, TimeoutNotPlaced = 0.02, ServerError = 0.02,
            MovedOdds = 0.10, StakeCut = 0.10, LateVisibility = 0.20, MaxVisibilityDelay = TimeSpan.FromSeconds(10),
        },
        HttpFaults = new HttpFaultProfile
        {
            MinLatency = TimeSpan.FromMilliseconds(20), MaxLatency = TimeSpan.FromMilliseconds(150),
            SlowShare = 0.05, SlowLatency = TimeSpan.FromSeconds(2), RateLimited = 0.03, PendingAcceptance = 0.05,
            DuplicateDelivery = 0.02, VoidReportedAsRefunded = 0.5,
        },
    };
}

await using var server = await VenueSimulatorServer.StartAsync(options);
Console.WriteLine($"venue simulator listening on {string.Join(", ", server.Addresses)} (seed {seed}{(faults ? ", faults on" : "")}); Ctrl+C stops it");
await server.WaitForShutdownAsync();
return 0;
