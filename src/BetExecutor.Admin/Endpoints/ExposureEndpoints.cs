using System.Text.Json.Nodes;
using BetExecutor.Actors.Accounts;
using BetExecutor.Admin.Json;
using BetExecutor.Admin.Requests;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Identities;
using Microsoft.AspNetCore.Http;
using Serilog;

namespace BetExecutor.Admin.Endpoints;

/// <summary><c>/exposures</c> and one identity's exposure: list, show, and an operator's resolution (an event naming them).</summary>
internal sealed class ExposureEndpoints(ClusterAsk ask, long maxBody)
{
    public async Task<JsonArray> ListAsync(HttpContext context)
    {
        var open = context.Request.Query["open"];
        var onlyOpen = false;
        if (open.Count > 0)
        {
            onlyOpen = (open.Count == 1 ? open[0] : null) switch
            {
                "true" => true,
                "false" => false,
                _ => throw AdminRefusal.BadRequest("open", "open: true or false"),
            };
        }
        var identities = await ask.KnownIdentitiesAsync(context.RequestAborted);
        var statuses = await ask.StatusesAsync(identities);
        return AdminJson.Array(statuses
            .SelectMany(s => s.Exposures.Select(x => (Exposure: x, s.AsOf)))
            .Where(x => !onlyOpen || x.Exposure.StatusAt(x.AsOf) == ExposureStatus.Open)
            .OrderBy(x => x.Exposure.RaisedAt)
            .ThenBy(x => x.Exposure.IdentityKey, StringComparer.Ordinal)
            .Select(x => (JsonNode)AdminJson.Exposure(x.Exposure, x.AsOf)));
    }

    public async Task<JsonObject> ShowAsync(Identity identity, string pairId)
    {
        var (exposure, asOf) = await FindAsync(identity, pairId);
        return AdminJson.Exposure(exposure, asOf);
    }

    /// <summary>400 without a reason, 404 without an exposure on the pair, 409 when it is resolved already.</summary>
    public async Task<JsonObject> ResolveAsync(HttpContext context, Identity identity, string pairId, string by, ILogger log)
    {
        var reason = await RequestBody.ReasonAsync(context, maxBody);
        var (exposure, _) = await FindAsync(identity, pairId);
        if (exposure.ResolvedAt is { } resolvedAt)
            throw AdminRefusal.Refused($"the exposure on pair {pairId} of {identity} was resolved at {AdminJson.Instant(resolvedAt)} by {exposure.ResolvedBy}: {exposure.Resolution}");
        var answer = await ask.AskAsync<OperatorAnswer>(ask.Cluster.Accounts, new ResolveExposure(identity, pairId, reason, by), $"the account {identity}");
        if (answer is OperatorAnswer.Refused refused)
        {
            log.Information("Operator action {Action} on {Identity} pair {PairId} by {Operator} refused: {Refusal}", "resolve-exposure", identity.Key, pairId, by, refused.Reason);
            throw AdminRefusal.Refused(refused.Reason);
        }
        log.Warning("Operator action {Action} on {Identity} pair {PairId} by {Operator}: {Reason}", "resolve-exposure", identity.Key, pairId, by, reason);
        var (resolved, asOf) = await FindAsync(identity, pairId);
        return new JsonObject
        {
            ["identity"] = identity.Key,
            ["pairId"] = pairId,
            ["action"] = "resolve-exposure",
            ["by"] = by,
            ["reason"] = reason,
            ["at"] = AdminJson.Instant(resolved.ResolvedAt),
            ["exposure"] = AdminJson.Exposure(resolved, asOf),
        };
    }

    private async Task<(ExposureRecord Exposure, DateTimeOffset AsOf)> FindAsync(Identity identity, string pairId)
    {
        var status = await ask.StatusAsync(identity);
        var exposure = status.Exposures.FirstOrDefault(x => x.PairId == pairId)
            ?? throw AdminRefusal.NotFound($"{identity} has no exposure on pair {pairId}");
        return (exposure, status.AsOf);
    }
}
