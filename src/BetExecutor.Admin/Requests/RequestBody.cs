using System.Text.Json;
using BetExecutor.Http;
using Microsoft.AspNetCore.Http;

namespace BetExecutor.Admin.Requests;

/// <summary>
/// The bodies the admin API takes: one JSON object with exactly the fields an endpoint names, each a string. Anything
/// else is a 400 naming the field (or 413 when too long).
/// </summary>
internal static class RequestBody
{
    /// <summary>Longest <c>reason</c> kept: it goes into events and log lines.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The body's one required field <paramref name="field"/>, trimmed, at most <paramref name="maxLength"/> characters.</summary>
    public static async Task<string> RequiredTextAsync(HttpContext context, long maxBody, string field, int maxLength)
    {
        var text = await ReadAsync(context, maxBody);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(string.IsNullOrWhiteSpace(text) ? "{}" : text);
        }
        catch (JsonException e)
        {
            throw new AdminRefusal(StatusCodes.Status400BadRequest, AdminErrorCodes.BadRequest, $"the body is not JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new AdminRefusal(StatusCodes.Status400BadRequest, AdminErrorCodes.BadRequest, $"the body must be a JSON object {{\"{field}\": \"...\"}}");
            foreach (var property in root.EnumerateObject())
                if (property.Name != field) throw AdminRefusal.BadRequest(property.Name, $"{property.Name}: unknown field (the body takes {field} only)");
            if (!root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
                throw AdminRefusal.BadRequest(field, $"{field}: required");
            if (value.ValueKind != JsonValueKind.String) throw AdminRefusal.BadRequest(field, $"{field}: must be a string");
            var trimmed = value.GetString()!.Trim();
            if (trimmed.Length == 0) throw AdminRefusal.BadRequest(field, $"{field}: must not be blank");
            if (trimmed.Length > maxLength) throw AdminRefusal.BadRequest(field, $"{field}: at most {maxLength} characters (got {trimmed.Length})");
            if (trimmed.Any(char.IsControl)) throw AdminRefusal.BadRequest(field, $"{field}: must not contain control characters");
            return trimmed;
        }
    }

    /// <summary>The <c>reason</c> every operator action takes.</summary>
    public static Task<string> ReasonAsync(HttpContext context, long maxBody) => RequiredTextAsync(context, maxBody, "reason", MaxReasonLength);

    private static async Task<string> ReadAsync(HttpContext context, long maxBody)
    {
        switch (await BoundedBody.ReadAsync(context.Request, maxBody, context.RequestAborted))
        {
            case BoundedBody.Result.Text text:
                return text.Value;
            case BoundedBody.Result.TooLarge:
                await BoundedBody.DrainAsync(context.Request, context.RequestAborted);
                throw new AdminRefusal(StatusCodes.Status413PayloadTooLarge, AdminErrorCodes.TooLarge, $"the body is longer than {maxBody} bytes");
            default:
                throw new AdminRefusal(StatusCodes.Status400BadRequest, AdminErrorCodes.BadRequest, "the body is not UTF-8");
        }
    }
}
