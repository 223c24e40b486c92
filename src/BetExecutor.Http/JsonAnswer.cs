using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BetExecutor.Http;

/// <summary>Every answer the node's HTTP servers give is one JSON object; errors are <c>{"error": {"code", "message", "field"?}}</c> with a stable code.</summary>
public static class JsonAnswer
{
    public static async Task WriteAsync(HttpContext context, int status, JsonNode body, TimeSpan? retryAfter = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        // Answers are about a moment: a cache must not replay a decision or a readiness.
        response.Headers.CacheControl = "no-store";
        if (retryAfter is { } wait)
            response.Headers.RetryAfter = ((long)Math.Ceiling(Math.Max(1, wait.TotalSeconds))).ToString(CultureInfo.InvariantCulture);
        await response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }

    public static Task ErrorAsync(HttpContext context, int status, string code, string message, TimeSpan? retryAfter = null) =>
        WriteAsync(context, status, Error(code, message), retryAfter);

    public static JsonObject Error(string code, string message, string? field = null)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        // Only an error about one field names it: a client can tell "which field" from "no field" by its presence.
        if (field is not null) error["field"] = field;
        return new JsonObject { ["error"] = error };
    }
}
