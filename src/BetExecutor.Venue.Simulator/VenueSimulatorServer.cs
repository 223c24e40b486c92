using BetExecutor.Venues.Http;
using BetExecutor.Venues.Scripts;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Legs;
using BetExecutor.Venue.Simulator.Endpoints;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BetExecutor.Venue.Simulator;

/// <summary>
/// The venue simulator served over HTTP on loopback (Kestrel, real sockets). Start it with <see cref="StartAsync"/>;
/// it listens until disposed. The venue itself is the in-process <see cref="VenueSimulator"/>, exposed as
/// <see cref="Simulator"/> for ground truth.
/// </summary>
public sealed class VenueSimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly VenueWorld _root;
    private readonly VenueRuns _runs;

    private VenueSimulatorServer(WebApplication app, VenueWorld root, VenueRuns runs, IReadOnlyList<Uri> addresses)
    {
        _app = app;
        _root = root;
        _runs = runs;
        Addresses = addresses;
    }

    /// <summary>The first address listened on, with a trailing slash (http://127.0.0.1:PORT/).</summary>
    public Uri BaseAddress => Addresses[0];

    public IReadOnlyList<Uri> Addresses { get; }

    /// <summary>The venue at the root address: its book, held bets and attempts are the ground truth.</summary>
    public VenueSimulator Simulator => _root.Simulator;

    /// <summary>The venues of the runs started with <c>POST /control/runs</c>, oldest first: their books are the runs' ground truth.</summary>
    public IReadOnlyList<VenueSimulator> RunVenues() => _runs.All().Select(w => w.Simulator).ToArray();

    /// <summary>The root venue's clock: real time until set (here or by <c>POST /control/clock</c>).</summary>
    public VenueClock Clock => _root.Clock;

    /// <summary>
    /// Starts listening. Throws <see cref="ArgumentException"/> for options that cannot work (no endpoint, an
    /// invalid fault profile) and lets Kestrel's error through if an address cannot be bound.
    /// </summary>
    public static async Task<VenueSimulatorServer> StartAsync(VenueServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new VenueServerOptions();
        Validate(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(VenueSimulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        if (options.ConsoleLogging)
        {
            builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
            // Lifetime lines (listening on, stopping) but not a line per request.
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }
        // Explicit endpoints only: Kestrel then ignores ASPNETCORE_URLS and the like, so nothing can widen the binding.
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var endpoint in options.Endpoints)
            {
                if (endpoint.Address is null) kestrel.ListenLocalhost(endpoint.Port);
                else kestrel.Listen(endpoint.Address, endpoint.Port);
            }
        });
        // Held (lost) answers end when the server stops; no need to wait long for them.
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(3));
        builder.Services.AddSingleton(options);

        var app = builder.Build();
        var lifetime = app.Services.GetRequiredService<IHostApplicationLifetime>();
        var root = new VenueWorld(options, lifetime, options.VirtualStart);
        var runs = new VenueRuns(options, lifetime);
        app.UseMiddleware<LocalCallersOnly>();
        MapRoutes(app, _ => root, runs);
        MapRoutes(app.MapGroup("runs/{runId}"), context => runs.Find((string)context.Request.RouteValues["runId"]!), runs: null);
        await app.StartAsync(cancellationToken);

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.Select(a => VenueRoutes.BaseAddress(new Uri(a))).ToList();
        return new VenueSimulatorServer(app, root, runs, addresses);
    }

    /// <summary>Scripts a leg, as <c>POST /control/scripts</c> does. Use this rather than <c>Simulator.Script</c>: the HTTP layer needs the script too.</summary>
    public void Script(ClientReference clientReference, LegScript script)
    {
        ArgumentNullException.ThrowIfNull(clientReference);
        ArgumentNullException.ThrowIfNull(script);
        VenueScripting.Apply(Simulator, _root.Desk, clientReference, script);
    }

    /// <summary>Completes when the server is asked to stop (Ctrl+C, SIGTERM) or <paramref name="cancellationToken"/> fires.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static void Validate(VenueServerOptions options)
    {
        var errors = options.HttpFaults.Validate().ToList();
        if (options.Endpoints.Count == 0) errors.Add("at least one loopback endpoint is required");
        if (options.Endpoints.Any(e => e.Address is null && e.Port == 0)) errors.Add("localhost needs a fixed port; use 127.0.0.1 for a free one");
        if (options.LostAnswerHold <= TimeSpan.Zero) errors.Add("LostAnswerHold must be positive");
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors), nameof(options));
    }

    /// <summary>The venue's routes on <paramref name="routes"/>, served by the venue <paramref name="world"/> finds (404 for an unknown run).</summary>
    private static void MapRoutes(IEndpointRouteBuilder routes, Func<HttpContext, VenueWorld?> world, VenueRuns? runs)
    {
        routes.MapPost(VenueRoutes.Bets, (HttpContext context) => In(context, world, w => w.Placement.HandleAsync(context)));
        routes.MapGet(VenueRoutes.ByReferenceTemplate,
            (HttpContext context, string provider, string whitelabel, string account, string clientReference) =>
                In(context, world, w => w.Queries.LookupAsync(context, provider, whitelabel, account, clientReference)));
        routes.MapGet(VenueRoutes.SettlementTemplate,
            (HttpContext context, string betId, string? account) => In(context, world, w => w.Queries.SettlementAsync(context, betId, account)));
        routes.MapGet(VenueRoutes.Bets, (HttpContext context) => In(context, world, w => w.Control.BookAsync(context)));
        routes.MapPost(VenueRoutes.ControlScripts, (HttpContext context) => In(context, world, w => w.Control.ScriptAsync(context)));
        routes.MapPost(VenueRoutes.ControlClock, (HttpContext context) => In(context, world, w => w.Control.SetClockAsync(context)));
        routes.MapGet(VenueRoutes.ControlClock, (HttpContext context) => In(context, world, w => w.Control.GetClockAsync(context)));
        if (runs is not null)
            routes.MapPost(VenueRoutes.ControlRuns, (HttpContext context) => ControlEndpoints.StartRunAsync(context, runs));
    }

    private static Task In(HttpContext context, Func<HttpContext, VenueWorld?> find, Func<VenueWorld, Task> handle) =>
        find(context) is { } world
            ? handle(world)
            : Respond.JsonAsync(context, StatusCodes.Status404NotFound,
                new ErrorBody($"runId: no run '{context.Request.RouteValues["runId"]}' on this simulator; start one with POST /{VenueRoutes.ControlRuns}"));
}
