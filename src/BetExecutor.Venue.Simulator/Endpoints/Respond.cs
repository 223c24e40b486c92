using System.Text.Json;
using System.Text.Json.Serialization;
using BetExecutor.Venues.Http;

namespace BetExecutor.Venue.Simulator.Endpoints;

/// <summary>A request body read strictly: the value, or one error that names the field at fault.</summary>
internal sealed record RequestBody<T>(T? Value, string? Error) where T : class;

/// <summary>Reads and writes the venue's JSON with the shared <see cref="VenueWire.Json"/> options.</summary>
internal static class Respond
{
    /// <summary>
    /// Requests are read strictly: a number must be a JSON number ("10" is refused), a key may appear once, and an
    /// unknown field is refused rather than ignored, so a misspelt field never silently falls back to a default.
    /// </summary>
    private static readonly JsonSerializerOptions StrictRequests = CreateStrict();

    private static JsonSerializerOptions CreateStrict()
    {
        var options = new JsonSerializerOptions(VenueWire.Json)
        {
            NumberHandling = JsonNumberHandling.Strict,
            AllowDuplicateProperties = false,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static async Task<RequestBody<T>> ReadAsync<T>(HttpContext context) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, StrictRequests, context.RequestAborted);
            return value is null ? new RequestBody<T>(null, "body: a JSON object is required") : new RequestBody<T>(value, null);
        }
        catch (JsonException e)
        {
            return new RequestBody<T>(null, Describe(e));
        }
    }

    /// <summary>Accepts an empty body or <c>{}</c>; otherwise answers 400 and returns false.</summary>
    public static async Task<bool> IsEmptyObjectAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var text = (await reader.ReadToEndAsync(context.RequestAborted)).Trim();
        if (text.Length == 0 || text == "{}") return true;
        await JsonAsync(context, StatusCodes.Status400BadRequest, new ErrorBody("body: must be empty or {}", ["body: this request takes no fields"]));
        return false;
    }

    public static Task JsonAsync<T>(HttpContext context, int status, T body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body, VenueWire.Json, context.RequestAborted);
    }

    /// <summary>"stake: must be a JSON number or null" rather than the serializer's text about .NET types.</summary>
    private static string Describe(JsonException e)
    {
        var field = e.Path is null or "$" ? "body" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
        var message = e.Message;
        if (message.Contains("could not be mapped", StringComparison.Ordinal))
            return $"{Quoted(message) ?? field}: is not a field of this request";
        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
            return $"{Quoted(message) ?? field}: appears more than once";
        if (message.Contains("could not be converted", StringComparison.Ordinal))
            return $"{field}: has the wrong type (numbers are JSON numbers, instants and spans are strings)";
        return $"{field}: is not valid JSON";
    }

    /// <summary>The first name quoted in the serializer's message ('stake'), if any.</summary>
    private static string? Quoted(string message)
    {
        var start = message.IndexOf('\'');
        var end = start < 0 ? -1 : message.IndexOf('\'', start + 1);
        return end > start + 1 ? message[(start + 1)..end] : null;
    }
}
