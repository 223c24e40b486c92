using System.Text.Json.Nodes;
using BetExecutor.Gateway.Health;
using BetExecutor.Gateway.Http;
using BetExecutor.Http;
using Microsoft.AspNetCore.Http;

namespace BetExecutor.Gateway.Endpoints;

/// <summary><c>GET /health/live</c> (the process serves) and <c>GET /health/ready</c> (it can take signals); no key needed.</summary>
internal sealed class HealthEndpoints(GatewayReadiness readiness)
{
    public static Task LiveAsync(HttpContext context) =>
        JsonAnswer.WriteAsync(context, StatusCodes.Status200OK, new JsonObject { ["live"] = true });

    /// <summary>200 when every check passes; else 503 naming each check that did not, and why.</summary>
    public async Task ReadyAsync(HttpContext context)
    {
        var report = await readiness.CheckAsync(context.RequestAborted);
        var checks = new JsonObject();
        foreach (var (name, problem) in report.Checks)
            checks[name] = problem is null ? "ok" : problem;
        var body = new JsonObject
        {
            ["ready"] = report.Ready,
            ["notReady"] = new JsonArray(report.Checks.Where(c => c.Problem is not null).Select(c => (JsonNode)JsonValue.Create(c.Name)!).ToArray()),
            ["checks"] = checks,
        };
        await JsonAnswer.WriteAsync(context, report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable, body);
    }
}
