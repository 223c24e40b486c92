using System.Text.Json.Nodes;
using BetExecutor.Admin.Configuration;
using BetExecutor.Admin.Endpoints;
using BetExecutor.Http;
using BetExecutor.Http.Security;
using Microsoft.AspNetCore.Http;
using Serilog;
using Serilog.Context;

namespace BetExecutor.Admin.Requests;

/// <summary>
/// Every request: the token (401, one body whatever the reason), then its route (404 / 405), then the endpoint. Each
/// call is logged once with the token's name as <c>Operator</c> (never the token); refusals are answered in their
/// stable codes, a cluster that does not answer in time as 503, anything unexpected as 500 without a stack trace.
/// </summary>
internal sealed class AdminRequests(AdminOptions options, AdminEndpoints endpoints, ILogger logger)
{
    private const string Get = "GET";
    private const string Post = "POST";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var name = PresentedKey.Authenticate(request, options.Tokens, acceptApiKeyHeader: false, out var refusal);
        if (name is null)
        {
            // Why is logged for whoever runs the node; the caller hears the same thing whatever it was.
            logger.Warning("Admin {Method} {Path} refused from {Remote}: token {Refusal}",
                request.Method, request.Path.Value, context.Connection.RemoteIpAddress?.ToString(), refusal.ToString().ToLowerInvariant());
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await JsonAnswer.ErrorAsync(context, StatusCodes.Status401Unauthorized, AdminErrorCodes.Unauthorized,
                "a valid admin token is required: Authorization: Bearer <token>");
            return;
        }
        var log = logger.ForContext(AdminServer.OperatorLogProperty, name);
        using var _ = LogContext.PushProperty(AdminServer.OperatorLogProperty, name);
        try
        {
            await RouteAsync(context, name, log);
        }
        catch (AdminRefusal refused)
        {
            if (context.Response.HasStarted) throw;
            var retryAfter = refused.Status == StatusCodes.Status503ServiceUnavailable ? TimeSpan.FromSeconds(2) : (TimeSpan?)null;
            await JsonAnswer.WriteAsync(context, refused.Status, JsonAnswer.Error(refused.Code, refused.Message, refused.Field), retryAfter);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away (or closed a tail): no one to answer.
        }
        catch (Exception e)
        {
            log.Error(e, "Admin {Method} {Path} by {Operator} failed unexpectedly", request.Method, request.Path.Value, name);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }
            context.Response.Clear();
            await JsonAnswer.ErrorAsync(context, StatusCodes.Status500InternalServerError, AdminErrorCodes.InternalError,
                "the admin API failed to handle the request; it is logged");
        }
        log.Information("Admin {Method} {Path} by {Operator} -> {Status}", request.Method, request.Path.Value, name, context.Response.StatusCode);
    }

    private Task RouteAsync(HttpContext context, string by, ILogger log)
    {
        var parts = (context.Request.Path.Value ?? "").Split('/');
        var e = endpoints;
        return parts switch
        {
            ["", "cluster"] => Answer(context, Get, () => Task.FromResult<JsonNode>(e.Cluster.Show())),
            ["", "cluster", "leave"] => Answer(context, Post, async () => await e.Cluster.ActAsync(context, "leave", by, log)),
            ["", "cluster", "down"] => Answer(context, Post, async () => await e.Cluster.ActAsync(context, "down", by, log)),
            ["", "cluster", "events"] => Stream(context, () => e.Cluster.TailAsync(context)),
            ["", "sharding", "regions"] => Answer(context, Get, async () => await e.Sharding.RegionsAsync()),
            ["", "sharding", "stats"] => Answer(context, Get, async () => await e.Sharding.StatsAsync()),
            ["", "sharding", "where", var p, var w, var a] => Answer(context, Get, async () => await e.Sharding.WhereAsync(PathValues.Identity(p, w, a))),
            ["", "identities"] => Answer(context, Get, async () => await e.Identities.ListAsync(context)),
            ["", "identities", var p, var w, var a] => Answer(context, Get, async () => await e.Identities.ShowAsync(PathValues.Identity(p, w, a))),
            ["", "identities", var p, var w, var a, "halt"] =>
                Answer(context, Post, async () => await e.Identities.HaltAsync(context, PathValues.Identity(p, w, a), by, log)),
            ["", "identities", var p, var w, var a, "resume"] =>
                Answer(context, Post, async () => await e.Identities.ResumeAsync(context, PathValues.Identity(p, w, a), by, log)),
            ["", "identities", var p, var w, var a, "exposures", var pair] =>
                Answer(context, Get, async () => await e.Exposures.ShowAsync(PathValues.Identity(p, w, a), PathValues.Id(pair, "pairId"))),
            ["", "identities", var p, var w, var a, "exposures", var pair, "resolve"] =>
                Answer(context, Post, async () => await e.Exposures.ResolveAsync(context, PathValues.Identity(p, w, a), PathValues.Id(pair, "pairId"), by, log)),
            ["", "identities", var p, var w, var a, "pairs", var pair] =>
                Answer(context, Get, async () => await e.History.PairAsync(PathValues.Identity(p, w, a), PathValues.Id(pair, "pairId"))),
            ["", "identities", var p, var w, var a, "signals", var signal] =>
                Answer(context, Get, async () => await e.History.SignalAsync(PathValues.Identity(p, w, a), PathValues.Id(signal, "signalId"))),
            ["", "pairs", var pair] => Answer(context, Get, async () => await e.History.HoldersAsync(PathValues.Id(pair, "pairId"), context.RequestAborted)),
            ["", "exposures"] => Answer(context, Get, async () => await e.Exposures.ListAsync(context)),
            ["", "halt-all"] => Answer(context, Post, async () => await e.KillSwitch.HaltAllAsync(context, by, log)),
            ["", "resume-all"] => Answer(context, Post, async () => await e.KillSwitch.ResumeAllAsync(context, by, log)),
            ["", "kill-switch"] => Answer(context, Get, async () => await e.KillSwitch.ShowAsync()),
            _ => throw AdminRefusal.NotFound($"no such path: {context.Request.Path.Value} (docs/admin-api.md lists them)"),
        };
    }

    private static async Task Answer(HttpContext context, string method, Func<Task<JsonNode>> endpoint)
    {
        if (!await AllowedAsync(context, method)) return;
        var body = await endpoint();
        await JsonAnswer.WriteAsync(context, StatusCodes.Status200OK, body);
    }

    private static async Task Stream(HttpContext context, Func<Task> endpoint)
    {
        if (await AllowedAsync(context, Get)) await endpoint();
    }

    private static async Task<bool> AllowedAsync(HttpContext context, string method)
    {
        if (context.Request.Method == method) return true;
        context.Response.Headers.Allow = method;
        await JsonAnswer.ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, AdminErrorCodes.MethodNotAllowed, $"{context.Request.Path.Value} takes {method} only");
        return false;
    }
}
