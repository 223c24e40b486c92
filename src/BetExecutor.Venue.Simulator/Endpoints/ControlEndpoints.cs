using BetExecutor.Bookmakers.Http;
using BetExecutor.Bookmakers.Simulator;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venue.Simulator.Endpoints;

/// <summary>
/// The runner's side of the simulator: scripts per leg, the venue's clock, and the book as ground truth. Not part
/// of a real venue's API; no latency or faults here, so set-up never flakes.
/// </summary>
internal sealed class ControlEndpoints(VenueSimulator venue, VenueFrontDesk desk, VenueClock clock)
{
    /// <summary><c>POST /control/scripts</c>.</summary>
    public async Task ScriptAsync(HttpContext context)
    {
        var body = await Respond.ReadAsync<ScriptBody>(context);
        if (!ScriptWire.TryRead(body, out var reference, out var script, out var errors))
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
        var body = await Respond.ReadAsync<ClockBody>(context);
        if (body?.Now is not { } now)
        {
            await Respond.JsonAsync(context, StatusCodes.Status400BadRequest, new ErrorBody("now: an ISO 8601 instant is required"));
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
    public static void Apply(VenueSimulator venue, VenueFrontDesk desk, ClientReference reference, Bookmakers.Scripts.LegScript script)
    {
        desk.RememberScript(reference, script);
        venue.Script(reference, script);
    }
}
