using BetExecutor.Venues.Http;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venue.Simulator.Endpoints;

/// <summary>
/// The runner's side of the simulator: scripts per leg, the venue's clock, and the book as ground truth. Not part
/// of a real venue's API; no latency or faults here, so set-up never flakes.
/// </summary>
internal sealed class ControlEndpoints(VenueSimulator venue, VenueFrontDesk desk, VenueClock clock)
{
    /// <summary>The longest a script may keep a taken bet out of lookups.</summary>
    public static readonly TimeSpan MaxVisibleAfter = TimeSpan.FromDays(365);

    /// <summary><c>POST /control/scripts</c>.</summary>
    public async Task ScriptAsync(HttpContext context)
    {
        var read = await Respond.ReadAsync<ScriptBody>(context);
        if (read.Error is { } unreadable)
        {
            await Respond.JsonAsync(context, StatusCodes.Status400BadRequest, new ErrorBody("invalid script", [unreadable]));
            return;
        }
        if (read.Value!.VisibleAfter > MaxVisibleAfter)
        {
            // Beyond any scenario's horizon, and far enough from overflow that no clock plus it can fail.
            await Respond.JsonAsync(context, StatusCodes.Status400BadRequest,
                new ErrorBody("invalid script", [$"visibleAfter: at most {MaxVisibleAfter.TotalDays:0} days"]));
            return;
        }
        if (!ScriptWire.TryRead(read.Value, out var reference, out var script, out var errors))
        {
            await Respond.JsonAsync(context, StatusCodes.Status400BadRequest, new ErrorBody("invalid script", errors));
            return;
        }
        VenueScripting.Apply(venue, desk, reference!, script!);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary><c>POST /control/clock</c>: from now on the venue's time stands where the runner puts it.</summary>
    public async Task SetClockAsync(HttpContext context)
    {
        var read = await Respond.ReadAsync<ClockBody>(context);
        if (read.Error is { } unreadable)
        {
            await Respond.JsonAsync(context, StatusCodes.Status400BadRequest, new ErrorBody("invalid clock", [unreadable]));
            return;
        }
        if (read.Value!.Now is not { } now || read.Value.Virtual is not null)
        {
            await Respond.JsonAsync(context, StatusCodes.Status400BadRequest,
                new ErrorBody("invalid clock", [read.Value.Now is null ? "now: an ISO 8601 instant is required" : "virtual: is set by the venue, not by a request"]));
            return;
        }
        if (!clock.TrySet(now))
        {
            await Respond.JsonAsync(context, StatusCodes.Status409Conflict,
                new ErrorBody($"now: {now:O} is before the venue's time {clock.GetUtcNow():O}; the clock never goes back"));
            return;
        }
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>
    /// <c>POST /control/runs</c>: a venue of its own for one scenario run (empty book, clock not yet set), served under
    /// <c>runs/{runId}/</c>. Answers 201 with <see cref="RunBody"/>.
    /// </summary>
    public static async Task StartRunAsync(HttpContext context, VenueRuns runs)
    {
        if (!await Respond.IsEmptyObjectAsync(context)) return;
        if (!runs.TryStart(out var runId))
        {
            await Respond.JsonAsync(context, StatusCodes.Status503ServiceUnavailable,
                new ErrorBody($"runs: this simulator already holds {VenueRuns.MaxRuns} runs; restart it to start afresh"));
            return;
        }
        await Respond.JsonAsync(context, StatusCodes.Status201Created, new RunBody(runId, VenueRoutes.Run(runId)));
    }

    /// <summary><c>GET /control/clock</c>.</summary>
    public Task GetClockAsync(HttpContext context) =>
        Respond.JsonAsync(context, StatusCodes.Status200OK, new ClockBody(clock.GetUtcNow(), clock.IsVirtual));

    /// <summary><c>GET /bets</c>: every bet held, and per (account, reference) requests received, attempts processed and lookups.</summary>
    public Task BookAsync(HttpContext context)
    {
        var bets = venue.Book().Select(WireMapping.ToBody).ToList();
        var attempts = venue.AllAttempts()
            .GroupBy(a => (a.Request.Account, a.Request.ClientReference))
            .ToDictionary(g => g.Key, g => g.Count());
        var requests = desk.PlacementRequests();
        var lookups = desk.Lookups();
        var references = requests.Keys.Union(attempts.Keys).Union(lookups.Keys)
            .OrderBy(k => k.Item1.Key, StringComparer.Ordinal).ThenBy(k => k.Item2.Value, StringComparer.Ordinal)
            .Select(k => new ReferenceCountBody(WireMapping.ToBody(k.Item1), k.Item2.Value,
                requests.GetValueOrDefault(k), attempts.GetValueOrDefault(k), lookups.GetValueOrDefault(k)))
            .ToList();
        return Respond.JsonAsync(context, StatusCodes.Status200OK, new BookBody(bets, references));
    }
}

/// <summary>One way to script a leg, used by the control API and by <see cref="VenueSimulatorServer.Script"/>: the venue and the front desk must agree.</summary>
internal static class VenueScripting
{
    public static void Apply(VenueSimulator venue, VenueFrontDesk desk, ClientReference reference, Venues.Scripts.LegScript script)
    {
        desk.RememberScript(reference, script);
        venue.Script(reference, script);
    }
}
