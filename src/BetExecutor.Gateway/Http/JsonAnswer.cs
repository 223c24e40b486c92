using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace BetExecutor.Gateway.Http;

/// <summary>Every answer the gateway gives is one JSON object; errors are <c>{"error": {"code", "message"}}</c> with a stable code.</summary>
internal static class JsonAnswer
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

    public static JsonObject Error(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
}
