using System.Text.Json.Nodes;
using BetExecutor.Actors.Accounts;
using BetExecutor.Admin.Json;
using BetExecutor.Admin.Requests;
using BetExecutor.Domain.Identities;
using Microsoft.AspNetCore.Http;
using Serilog;

namespace BetExecutor.Admin.Endpoints;

/// <summary><c>/identities</c>: list (with filters), show, and an operator's halt / resume of one identity.</summary>
internal sealed class IdentityEndpoints(ClusterAsk ask, long maxBody)
{
    private static readonly Dictionary<string, Func<AccountStatus, bool>> Filters = new()
    {
        ["cooling"] = AdminJson.Cooling,
        ["exposed"] = s => AdminJson.OpenExposures(s).Any(),
        ["halted"] = s => s.Halt is not null,
        ["limited"] = s => s.Limited is not null,
    };

    public async Task<JsonArray> ListAsync(HttpContext context)
    {
        var filter = context.Request.Query["filter"];
        Func<AccountStatus, bool> keep = _ => true;
        if (filter.Count > 0)
        {
            if (filter.Count > 1 || !Filters.TryGetValue(filter[0] ?? "", out keep!))
                throw AdminRefusal.BadRequest("filter", $"filter: one of {string.Join(", ", Filters.Keys)}");
        }
        var identities = await ask.KnownIdentitiesAsync(context.RequestAborted);
        var statuses = await ask.StatusesAsync(identities);
        return AdminJson.Array(statuses.Where(keep).Select(s => (JsonNode)AdminJson.Summary(s)));
    }

    /// <summary>identity show: 404 (and nothing started) when the journal holds nothing of the identity.</summary>
    public async Task<JsonObject> ShowAsync(Identity identity)
    {
        var history = await ask.HistoryAsync(AccountActor.PersistenceIdFor(identity));
        if (history.HighestSequenceNr == 0) throw AdminRefusal.NotFound($"the journal holds nothing of {identity}: no signal, halt or exposure was ever recorded for it");
        var detail = await ask.AskAsync<IdentityDetail>(ask.Cluster.Accounts, new GetIdentityDetail(identity), $"the account {identity}");
        var s = detail.Status;
        return new JsonObject
        {
            ["identity"] = identity.Key,
            ["cooldownUntil"] = AdminJson.Instant(s.CooldownUntil),
            ["cooling"] = AdminJson.Cooling(s),
            ["executingPairId"] = s.ExecutingPairId,
            ["pairsInFlight"] = AdminJson.Array(s.PairsInFlight.Select(p => (JsonNode)p)),
            ["exposures"] = AdminJson.Array(s.Exposures.Select(x => (JsonNode)AdminJson.Exposure(x, s.AsOf))),
            ["limits"] = AdminJson.Limits(detail.Limits),
            ["stakeToday"] = detail.StakeToday,
            ["halted"] = AdminJson.Halt(s.Halt),
            ["haltedGlobally"] = detail.KillSwitch switch
            {
                null => new JsonObject { ["reason"] = "the kill switch's state is not known on the hosting node: it takes no new signal", ["by"] = null, ["at"] = null },
                { Halted: true } on => new JsonObject { ["reason"] = on.Reason, ["by"] = on.By, ["at"] = AdminJson.Instant(on.At) },
                _ => null,
            },
            ["limited"] = AdminJson.Limited(s.Limited),
            ["dryRun"] = s.DryRun,
            ["signalsSeen"] = s.SignalsSeen,
            ["node"] = detail.Address,
            ["nodeName"] = detail.Node,
            ["incarnation"] = detail.Incarnation,
            ["lastEvent"] = AuditTrail.LastEvent(history),
            ["operatorActions"] = AuditTrail.Of(history.Events),
            ["asOf"] = AdminJson.Instant(s.AsOf),
        };
    }

    public Task<JsonObject> HaltAsync(HttpContext context, Identity identity, string by, ILogger log) =>
        ActAsync(context, identity, "halt", reason => new HaltIdentity(identity, reason, by), by, log);

    public Task<JsonObject> ResumeAsync(HttpContext context, Identity identity, string by, ILogger log) =>
        ActAsync(context, identity, "resume", reason => new ResumeIdentity(identity, reason, by), by, log);

    private async Task<JsonObject> ActAsync(HttpContext context, Identity identity, string action, Func<string, IAccountCommand> command, string by, ILogger log)
    {
        var reason = await RequestBody.ReasonAsync(context, maxBody);
        var answer = await ask.AskAsync<OperatorAnswer>(ask.Cluster.Accounts, command(reason), $"the account {identity}");
        if (answer is OperatorAnswer.Refused refused)
        {
            log.Information("Operator action {Action} on {Identity} by {Operator} refused: {Refusal}", action, identity.Key, by, refused.Reason);
            throw AdminRefusal.Refused(refused.Reason);
        }
        log.Warning("Operator action {Action} on {Identity} by {Operator}: {Reason}", action, identity.Key, by, reason);
        return new JsonObject
        {
            ["identity"] = identity.Key,
            ["action"] = action,
            ["by"] = by,
            ["reason"] = reason,
            ["at"] = AdminJson.Instant(ask.Now),
        };
    }
}
