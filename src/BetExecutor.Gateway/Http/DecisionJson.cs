using System.Text.Json.Nodes;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Pairs;
using BetExecutor.Ingress.Json;
using BetExecutor.Ingress.Signals;

namespace BetExecutor.Gateway.Http;

/// <summary>The gateway's answer bodies for decisions and signal states, every value in its stable code.</summary>
internal static class DecisionJson
{
    /// <summary><c>{signalId, identity, decision, reason, detail, cooldownUntil, dryRun, first?}</c>; <c>first</c> only on a duplicate.</summary>
    public static JsonObject Answer(SignalAnswer answer, Identity identity)
    {
        var json = new JsonObject
        {
            ["signalId"] = answer.SignalId,
            ["identity"] = IdentityJson.Write(identity),
            ["decision"] = answer.Kind.Code(),
            ["reason"] = answer.Reason?.Code(),
            ["detail"] = answer.Detail,
            ["cooldownUntil"] = Instant(answer.CooldownUntil),
            ["dryRun"] = answer.DryRun,
        };
        if (answer.First is { } first) json["first"] = Verdict(first);
        return json;
    }

    /// <summary>No executor answered in time: the same shape, decision <c>unknown</c>.</summary>
    public static JsonObject NoAnswer(string signalId, Identity identity, TimeSpan waited) => new()
    {
        ["signalId"] = signalId,
        ["identity"] = IdentityJson.Write(identity),
        ["decision"] = SignalAnswerKind.Unknown.Code(),
        ["reason"] = null,
        ["detail"] = $"no executor answered within {waited.TotalSeconds:0.###}s; the outcome is unknown and the signal may still execute; " +
                     "retry with the same signalId: the retry's answer is the first decision",
        ["cooldownUntil"] = null,
        ["dryRun"] = null,
    };

    /// <summary>The first decision on a signal id: <c>{decision: executed|rejected, reason, detail, decidedAt, pairEnded?}</c>.</summary>
    public static JsonObject Verdict(SignalVerdict verdict)
    {
        var json = new JsonObject
        {
            ["decision"] = (verdict.Accepted ? SignalAnswerKind.Executed : SignalAnswerKind.Rejected).Code(),
            ["reason"] = verdict.Reason?.Code(),
            ["detail"] = verdict.Detail,
            ["decidedAt"] = Instant(verdict.At),
        };
        if (verdict.PairEnded is { } ended) json["pairEnded"] = ended.Code;
        return json;
    }

    /// <summary>
    /// <c>{signalId, identity, decision, reason, detail, decidedAt, dryRun, pair: {pairId, state, hedged, outcome, exposureReason}}</c>.
    /// <c>outcome</c>: <c>settled</c>, or the nothing-stands reason code; <c>exposureReason</c>: the exposure's reason code.
    /// </summary>
    public static JsonObject State(SignalState state, SignalStanding standing)
    {
        var verdict = Verdict(standing.Verdict);
        var json = new JsonObject
        {
            ["signalId"] = state.SignalId,
            ["identity"] = IdentityJson.Write(state.Identity),
            ["decision"] = verdict["decision"]!.DeepClone(),
            ["reason"] = verdict["reason"]?.DeepClone(),
            ["detail"] = standing.Verdict.Detail,
            ["decidedAt"] = Instant(standing.Verdict.At),
            ["dryRun"] = state.DryRun,
            ["pair"] = new JsonObject
            {
                ["pairId"] = state.SignalId,
                ["state"] = standing.Pair.Code(),
                ["hedged"] = standing.Pair == PairStanding.InFlight ? standing.Hedged : null,
                ["outcome"] = standing.Pair switch
                {
                    PairStanding.Settled => PairOutcome.Settled.StableCode,
                    PairStanding.NothingStands => standing.NothingStandsReason?.Code(),
                    _ => null,
                },
                ["exposureReason"] = standing.ExposureReason?.Code(),
            },
            ["asOf"] = Instant(state.AsOf),
        };
        return json;
    }

    private static string? Instant(DateTimeOffset? instant) => instant is { } at ? InstantText.Format(at) : null;
}
