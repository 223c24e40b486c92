using System.Net;
using BetExecutor.Venues.Http;
using BetExecutor.Venue.Simulator.Endpoints;

namespace BetExecutor.Venue.Simulator;

/// <summary>
/// The simulator serves programs on this machine, never a web page: the Host must be a loopback name (no DNS
/// rebinding), a request that carries an Origin must come from a loopback origin (no cross-site form posts), and a
/// POST must say it is JSON (a browser cannot send that cross-origin without a preflight this server never grants).
/// </summary>
internal sealed class LocalCallersOnly(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!IsLoopbackName(request.Host.Host))
        {
            await Respond.JsonAsync(context, StatusCodes.Status400BadRequest,
                new ErrorBody($"Host: '{request.Host.Host}' is not a loopback name; the simulator serves local callers only"));
            return;
        }
        if (request.Headers.Origin is { Count: > 0 } origin &&
            !(Uri.TryCreate(origin.ToString(), UriKind.Absolute, out var originUri) && IsLoopbackName(originUri.Host)))
        {
            await Respond.JsonAsync(context, StatusCodes.Status403Forbidden,
                new ErrorBody($"Origin: '{origin}' is another site; cross-origin requests are refused"));
            return;
        }
        if (HttpMethods.IsPost(request.Method) && !IsJson(request.ContentType))
        {
            await Respond.JsonAsync(context, StatusCodes.Status415UnsupportedMediaType,
                new ErrorBody($"Content-Type: '{request.ContentType}' is not application/json"));
            return;
        }
        await next(context);
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && contentType.Split(';')[0].Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);

    private static bool IsLoopbackName(string host)
    {
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        var bare = host.Trim('[', ']');
        return IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address);
    }
}
