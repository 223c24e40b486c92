using System.Text.Json.Nodes;
using BetExecutor.Actors.Journaling;
using BetExecutor.Actors.Serialization;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Events;
using BetExecutor.Domain.Exposures;

namespace BetExecutor.Admin.Json;

/// <summary>
/// The audit trail of one identity, read from its account's journal: every halt, resume and exposure resolution
/// (operators, or the executor itself), every exposure raised and every limitation, with who, what, why and when.
/// </summary>
internal static class AuditTrail
{
    public static JsonArray Of(IEnumerable<JournalEntry> history, string? pairId = null) =>
        AdminJson.Array(history
            .Where(e => pairId is null || (e.Event as IDomainEvent)?.Meta.PairId == pairId || (e.Event as ExposureResolved)?.PairId == pairId)
            .Select(Entry)
            .OfType<JsonObject>());

    /// <summary>The entry of one event, or null when it is not an operator action or an exposure.</summary>
    public static JsonObject? Entry(JournalEntry entry)
    {
        var (action, by, reason, pair) = entry.Event switch
        {
            IdentityHalted h => ("halt", h.By, h.Reason, (string?)null),
            IdentityResumed r => ("resume", r.By, r.Reason, null),
            ExposureResolved x => ("resolve-exposure", x.ResolvedBy, x.Reason, x.PairId),
            ExposureOpened o => ("exposure-raised", AccountState.ExecutorActor, $"{o.Exposure.Reason.Code()}: {o.Exposure.Detail}", o.Exposure.PairId),
            IdentityLimited l => ("limited", AccountState.ExecutorActor, $"pair {l.PairId} accepted for {l.AcceptedStake} of {l.RequestedStake}", l.PairId),
            _ => default,
        };
        if (action is null || entry.Event is not IDomainEvent e) return null;
        return new JsonObject
        {
            ["seqNr"] = entry.SequenceNr,
            ["at"] = AdminJson.Instant(e.Meta.At),
            ["action"] = action,
            ["by"] = by,
            ["reason"] = reason,
            ["pairId"] = pair,
            ["node"] = e.Meta.Node,
            ["incarnation"] = e.Meta.Incarnation,
        };
    }

    /// <summary><c>{seqNr, kind, at}</c> of the last stored event; kind and at null when retention removed it.</summary>
    public static JsonObject? LastEvent(JournalHistoryRead history)
    {
        if (history.HighestSequenceNr == 0) return null;
        var last = history.Events.LastOrDefault(e => e.SequenceNr == history.HighestSequenceNr);
        return new JsonObject
        {
            ["seqNr"] = history.HighestSequenceNr,
            ["kind"] = last is null ? null : Manifests.Of(last.Event.GetType()),
            ["at"] = last?.Event is IDomainEvent e ? AdminJson.Instant(e.Meta.At) : null,
        };
    }
}
