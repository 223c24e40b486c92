using System.Text.Json.Nodes;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Journaling;
using BetExecutor.Actors.Serialization;
using BetExecutor.Admin.Json;
using BetExecutor.Admin.Requests;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Events;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Identities;
using Microsoft.AspNetCore.Http;

namespace BetExecutor.Admin.Endpoints;

/// <summary>
/// History from the journal: <c>pair show</c> (the account's and the pair's events about one pair), which identities
/// hold a pair id, and <c>signal show</c> (the account's answer about a signal, with who sent it).
/// </summary>
internal sealed class HistoryEndpoints(ClusterAsk ask)
{
    public async Task<JsonObject> PairAsync(Identity identity, string pairId)
    {
        // BetPairActor.PersistenceIdFor: pair/IDENTITY/PAIR.
        var pairHistory = await ask.HistoryAsync($"{ClusterAsk.PairIdPrefix}{identity.Key}/{pairId}");
        var accountHistory = await ask.HistoryAsync(AccountActor.PersistenceIdFor(identity));
        var accountEvents = accountHistory.Events.Where(e => Concerns(e.Event, pairId)).ToArray();
        if (pairHistory.HighestSequenceNr == 0 && accountEvents.Length == 0)
            throw AdminRefusal.NotFound($"the journal holds nothing of pair {pairId} of {identity}");
        var events = accountEvents.Select(e => (Source: "account", Entry: e))
            .Concat(pairHistory.Events.Select(e => (Source: "pair", Entry: e)))
            .OrderBy(e => (e.Entry.Event as IDomainEvent)?.Meta.At ?? DateTimeOffset.MinValue)
            .ThenBy(e => e.Source == "account" ? 0 : 1)
            .ThenBy(e => e.Entry.SequenceNr);
        var shown = new JsonObject
        {
            ["identity"] = identity.Key,
            ["pairId"] = pairId,
            ["state"] = State(accountEvents),
        };
        if (ExposureState(accountEvents) is { } exposure) shown["exposure"] = exposure;
        shown["events"] = AdminJson.Array(events.Select(e => (JsonNode)Event(e.Source, e.Entry)));
        shown["operatorActions"] = AuditTrail.Of(accountEvents);
        return shown;
    }

    /// <summary>Every identity whose journal holds a pair with this id.</summary>
    public async Task<JsonArray> HoldersAsync(string pairId, CancellationToken cancellationToken)
    {
        var ids = await ask.PersistenceIdsAsync(ClusterAsk.PairIdPrefix, cancellationToken);
        var holders = ids
            .Select(id => id[ClusterAsk.PairIdPrefix.Length..].Split('/', 4))
            .Where(parts => parts.Length == 4 && parts[3] == pairId)
            .Select(parts => $"{parts[0]}/{parts[1]}/{parts[2]}")
            .Distinct()
            .Order(StringComparer.Ordinal);
        return AdminJson.Array(holders.Select(key => (JsonNode)new JsonObject { ["identity"] = key }));
    }

    public async Task<JsonObject> SignalAsync(Identity identity, string signalId)
    {
        var state = await ask.AskAsync<SignalState>(ask.Cluster.Accounts, new GetSignalState(identity, signalId), $"the account {identity}");
        if (state.Standing is not { } standing) throw AdminRefusal.NotFound($"{identity} never saw signal {signalId}");
        var history = await ask.HistoryAsync(AccountActor.PersistenceIdFor(identity));
        var submittedBy = history.Events.Select(e => e.Event switch
        {
            SignalAccepted a when a.Signal.SignalId == signalId => a.SubmittedBy,
            SignalDenied d when d.SignalId == signalId => d.SubmittedBy,
            _ => null,
        }).FirstOrDefault(by => by is not null);
        var verdict = standing.Verdict;
        return new JsonObject
        {
            ["identity"] = identity.Key,
            ["signalId"] = signalId,
            ["decision"] = verdict.Accepted ? "executed" : "rejected",
            ["reason"] = verdict.Reason?.Code(),
            ["detail"] = verdict.Detail,
            ["submittedBy"] = submittedBy,
            ["decidedAt"] = AdminJson.Instant(verdict.At),
            ["dryRun"] = state.DryRun,
            ["pair"] = new JsonObject
            {
                ["pairId"] = signalId,
                ["state"] = standing.Pair.Code(),
                ["hedged"] = standing.Pair == PairStanding.InFlight ? standing.Hedged : null,
                ["outcome"] = verdict.PairEnded?.Code,
                ["exposureReason"] = standing.ExposureReason?.Code(),
            },
            ["asOf"] = AdminJson.Instant(state.AsOf),
        };
    }

    private static bool Concerns(object e, string pairId) => e switch
    {
        SignalDenied d => d.SignalId == pairId,
        ExposureResolved r => r.PairId == pairId,
        IDomainEvent domain => domain.Meta.PairId == pairId,
        _ => false,
    };

    /// <summary>From the account's events: <c>settled</c>, <c>rejected</c>, <c>exposure</c> (how it finished), <c>in-flight</c>, or <c>denied</c>.</summary>
    private static string State(IReadOnlyList<JournalEntry> accountEvents)
    {
        if (accountEvents.Select(e => e.Event).OfType<PairFinished>().LastOrDefault() is { } finished) return finished.Outcome.Code;
        if (accountEvents.Any(e => e.Event is SignalAccepted)) return "in-flight";
        if (accountEvents.Any(e => e.Event is SignalDenied)) return "denied";
        return "unknown";
    }

    /// <summary>
    /// For a pair that raised an exposure: <c>open</c>, or <c>resolved</c> once an operator resolved it (its outcome,
    /// <c>state</c>, stays <c>exposure</c>: that is how it finished). Null for a pair that raised none.
    /// </summary>
    private static string? ExposureState(IReadOnlyList<JournalEntry> accountEvents)
    {
        var last = accountEvents.Select(e => e.Event).LastOrDefault(e => e is ExposureOpened or ExposureResolved);
        return last switch
        {
            ExposureOpened => "open",
            ExposureResolved => "resolved",
            _ => null,
        };
    }

    private static JsonObject Event(string source, JournalEntry entry)
    {
        var meta = (entry.Event as IDomainEvent)?.Meta;
        return new JsonObject
        {
            ["seqNr"] = entry.SequenceNr,
            ["source"] = source,
            ["time"] = AdminJson.Instant(meta?.At),
            ["kind"] = Manifests.Of(entry.Event.GetType()),
            ["node"] = meta?.Node,
            ["incarnation"] = meta?.Incarnation,
            ["detail"] = EventDetail.Describe(entry.Event),
            ["data"] = EventDetail.Data(entry.Event),
        };
    }
}
