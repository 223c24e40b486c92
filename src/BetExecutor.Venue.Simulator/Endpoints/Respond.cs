using System.Text.Json;
using BetExecutor.Bookmakers.Http;

namespace BetExecutor.Venue.Simulator.Endpoints;

/// <summary>Reads and writes the venue's JSON with the shared <see cref="VenueWire.Json"/> options.</summary>
internal static class Respond
{
    /// <summary>The request body, or null if it is not JSON of that shape (the caller answers 400).</summary>
    public static async Task<T?> ReadAsync<T>(HttpContext context) where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, VenueWire.Json, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static Task JsonAsync<T>(HttpContext context, int status, T body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body, VenueWire.Json, context.RequestAborted);
    }
}
