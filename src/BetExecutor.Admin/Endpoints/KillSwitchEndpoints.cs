using System.Text.Json.Nodes;
using Akka.Actor;
using BetExecutor.Actors;
using BetExecutor.Actors.KillSwitch;
using BetExecutor.Admin.Json;
using BetExecutor.Admin.Requests;
using Microsoft.AspNetCore.Http;
using Serilog;

namespace BetExecutor.Admin.Endpoints;

/// <summary>
/// The global kill switch: <c>POST /halt-all</c>, <c>POST /resume-all</c> (stored by the switch's singleton, then
/// told to every executor, whose answers are listed), and <c>GET /kill-switch</c> (the stored state and what each
/// executor applies now).
/// </summary>
internal sealed class KillSwitchEndpoints(ClusterAsk ask, long maxBody)
{
    /// <summary>How long each executor has to confirm a change; one that does not reads it from the journal soon after.</summary>
    private TimeSpan NodeWait => ask.Timeout < TimeSpan.FromSeconds(5) ? ask.Timeout : TimeSpan.FromSeconds(5);

    public Task<JsonObject> HaltAllAsync(HttpContext context, string by, ILogger log) =>
        SwitchAsync(context, "halt-all", reason => new HaltAll(reason, by), by, log);

    public Task<JsonObject> ResumeAllAsync(HttpContext context, string by, ILogger log) =>
        SwitchAsync(context, "resume-all", reason => new ResumeAll(reason, by), by, log);

    public async Task<JsonObject> ShowAsync()
    {
        var status = await ask.AskAsync<KillSwitchStatus>(ask.Cluster.KillSwitch, new GetKillSwitch(), "the kill switch");
        var answer = AdminJson.KillSwitch(status);
        answer["nodes"] = await NodesAsync(new GetAppliedKillSwitch());
        return answer;
    }

    private async Task<JsonObject> SwitchAsync(HttpContext context, string action, Func<string, object> command, string by, ILogger log)
    {
        var reason = await RequestBody.ReasonAsync(context, maxBody);
        var reply = await ask.AskAsync<IExecutorMessage>(ask.Cluster.KillSwitch, command(reason), "the kill switch (its outcome is not known: see GET /kill-switch)");
        if (reply is KillSwitchRefused refused)
        {
            log.Information("Operator action {Action} by {Operator} refused: {Refusal}", action, by, refused.Reason);
            throw AdminRefusal.Refused(refused.Reason);
        }
        var status = (KillSwitchStatus)reply;
        log.Warning("Operator action {Action} by {Operator}: {Reason}", action, by, reason);
        var answer = AdminJson.KillSwitch(status);
        answer["action"] = action;
        answer["nodes"] = await NodesAsync(new ApplyKillSwitch(status), status.SequenceNr);
        return answer;
    }

    /// <summary>
    /// Every executor's answer to <paramref name="message"/>: <c>{address, state: halted|running|unknown, seqNr, acknowledged}</c>;
    /// <c>acknowledged</c> (when <paramref name="expected"/> is given): the node applies that change or a later one.
    /// </summary>
    private async Task<JsonArray> NodesAsync(object message, long? expected = null)
    {
        var nodes = await Task.WhenAll(ask.Executors().Select(async member =>
        {
            var replica = ask.Cluster.System.ActorSelection(new RootActorPath(member.Address) / "user" / KillSwitchReplica.Name);
            AppliedKillSwitch? applied = null;
            try
            {
                applied = await ask.AskAsync<AppliedKillSwitch>(replica, message, $"the kill switch replica of {member.Address}", NodeWait);
            }
            catch (AdminRefusal)
            {
                // Not answering in time is reported per node; the node reads the switch from the journal on its own.
            }
            var node = new JsonObject
            {
                ["address"] = member.Address.ToString(),
                ["node"] = applied?.Node,
                ["state"] = applied is null ? "no-answer" : applied.Status is null ? "unknown" : applied.Status.Halted ? "halted" : "running",
                ["seqNr"] = applied?.Status?.SequenceNr,
            };
            if (expected is { } seqNr) node["acknowledged"] = applied?.Status?.SequenceNr >= seqNr;
            return (JsonNode)node;
        }));
        return AdminJson.Array(nodes);
    }
}
