using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using BetExecutor.Actors.Serialization;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Admin.Json;

/// <summary>One stored event for <c>pair show</c>: a line an operator reads, and the event's stored fields.</summary>
internal static class EventDetail
{
    public static string Describe(object e) => e switch
    {
        SignalAccepted a => $"signal accepted{By(a.SubmittedBy)}: positive {Money(a.Signal.Positive.Stake)} at {Money(a.Signal.Positive.Odds)}; cooldown until {AdminJson.Instant(a.CooldownUntil)}",
        SignalDenied d => $"signal denied{By(d.SubmittedBy)}: {d.Reason.Code()}: {d.Detail}",
        CooldownExtended c => $"cooldown extended to {AdminJson.Instant(c.Until)}",
        PairHedged => "hedge confirmed",
        PairFinished f => $"pair finished: {f.Outcome.Code}",
        ExposureOpened o => $"exposure raised: {o.Exposure.Reason.Code()}: {o.Exposure.Detail}",
        ExposureResolved r => $"exposure resolved by {r.ResolvedBy}: {r.Reason}",
        PositiveIntentRecorded p => $"positive intent: {Money(p.Stake)} at {Money(p.Odds)}, client reference {p.ClientReference.Value}",
        PairAbandoned a => $"abandoned: {a.Reason.Code()}: {a.Detail}",
        PositiveAccepted a => $"positive accepted: bet {a.Bet.BetId}, {Money(a.Bet.Stake)} at {Money(a.Bet.Odds)}",
        PositiveRejected r => $"positive rejected: {r.Code}{(r.Permanent ? " (permanent)" : "")}",
        PositiveOutcomeUnknown u => $"positive outcome unknown: {u.Reason}",
        PositiveNotFound n => $"positive not found; watching until {AdminJson.Instant(n.WatchUntil)}",
        PositiveWatchEnded => "late-acceptance watch ended: the positive never appeared",
        HedgeIntentRecorded h => $"hedge intent (attempt {h.Attempt}): {Money(h.Stake)} at {Money(h.Odds)}, client reference {h.ClientReference.Value}",
        HedgeAccepted a => $"hedge accepted: bet {a.Bet.BetId}, {Money(a.Bet.Stake)} at {Money(a.Bet.Odds)}",
        HedgeRejected r => $"hedge rejected (attempt {r.Attempt}): {r.Code}{(r.RetryAt is { } at ? $", retry at {AdminJson.Instant(at)}" : "")}",
        HedgeOutcomeUnknown u => $"hedge outcome unknown: {u.Reason}",
        HedgeNotFound n => $"hedge not found (attempt {n.Attempt})",
        SettlementPolled p => $"settlement poll {p.Poll}: positive {p.Positive?.Code() ?? "-"}, hedge {p.Hedge?.Code() ?? "-"}",
        PairSettled s => $"settled: positive {s.Positive.Code()}, hedge {s.Hedge.Code()}",
        ExposureRaised x => $"exposure: {x.Reason.Code()}: {x.Detail}",
        _ => e.GetType().Name,
    };

    /// <summary>The event's stored fields (its meta aside: shown as time, node and incarnation).</summary>
    public static JsonNode? Data(object e)
    {
        var json = JsonSerializer.SerializeToNode(e, e.GetType(), BetExecutorJsonSerializer.Options);
        if (json is JsonObject fields) fields.Remove("meta");
        return json;
    }

    private static string By(string? submitter) => submitter is null ? "" : $" (sent by {submitter})";

    private static string Money(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
