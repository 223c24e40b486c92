using System.Net;
using BetExecutor.Venues.Contract;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venues.Http;

/// <summary>
/// Reads venue answers into the contract's outcomes. The rule throughout: only an answer the venue clearly gave
/// becomes Accepted, Rejected, Found or NotFound; anything else (5xx, a 404 from the wrong address, a body we
/// cannot read) is Unknown or Failed, because it says nothing certain about the bet.
/// </summary>
internal static class VenueAnswers
{
    public static PlacementResult Placement(VenueReply reply, ClientReference asked) => reply switch
    {
        VenueReply.NoAnswer none => new PlacementResult.Unknown(none.Reason),
        VenueReply.NotSent notSent => new PlacementResult.Rejected(notSent.Code, Permanent: false),
        // 429 is refused before the venue looks at the bet: nothing was taken, and a later attempt may pass.
        VenueReply.Answered { Status: HttpStatusCode.TooManyRequests } =>
            new PlacementResult.Rejected(RejectionCodes.RateLimited, Permanent: false),
        VenueReply.Answered { Status: >= HttpStatusCode.InternalServerError } answered =>
            new PlacementResult.Unknown($"server error {(int)answered.Status}"),
        VenueReply.Answered answered => PlacementBody(answered, asked),
        _ => throw new ArgumentOutOfRangeException(nameof(reply)),
    };

    public static LookupResult Lookup(VenueReply reply, ClientReference asked)
    {
        if (reply is VenueReply.NoAnswer none) return new LookupResult.Failed(none.Reason);
        if (reply is VenueReply.NotSent notSent) return new LookupResult.Failed(notSent.Reason);
        var answered = (VenueReply.Answered)reply;
        var body = answered.Read<BetAnswerBody>();
        return (answered.Status, body?.Status) switch
        {
            (HttpStatusCode.OK, VenueStatuses.Accepted) when AcceptedBet(body!, asked) is { } bet => new LookupResult.Found(bet),
            // The venue knows the request but has not decided: neither found nor absent. NotFound here could let the
            // executor conclude "never placed" about a bet that is about to be accepted.
            (HttpStatusCode.OK, VenueStatuses.PendingAcceptance) =>
                new LookupResult.Failed("the venue still has the bet pending acceptance"),
            // Only the venue's own "no such bet" is NotFound; a bare 404 may be a wrong base address or route.
            (HttpStatusCode.NotFound, VenueStatuses.NotFound) => new LookupResult.NotFound(),
            _ => new LookupResult.Failed(Unreadable(answered)),
        };
    }

    public static SettlementResult Settlement(VenueReply reply, string betId)
    {
        if (reply is VenueReply.NoAnswer none) return new SettlementResult.Failed(none.Reason);
        if (reply is VenueReply.NotSent notSent) return new SettlementResult.Failed(notSent.Reason);
        var answered = (VenueReply.Answered)reply;
        var body = answered.Read<SettlementBody>();
        if (answered.Status != HttpStatusCode.OK || body is null) return new SettlementResult.Failed(Unreadable(answered));
        if (body.BetId is not null && body.BetId != betId)
            return new SettlementResult.Failed($"the venue answered for bet {body.BetId}, not {betId}");
        return SettlementWireStates.TryRead(body.State, out var state)
            ? new SettlementResult.Known(state)
            : new SettlementResult.Failed($"unknown settlement state '{body.State}'");
    }

    private static PlacementResult PlacementBody(VenueReply.Answered answered, ClientReference asked)
    {
        var body = answered.Read<BetAnswerBody>();
        var success = answered.Status is >= HttpStatusCode.OK and < HttpStatusCode.MultipleChoices;
        return body?.Status switch
        {
            VenueStatuses.Accepted when success && AcceptedBet(body, asked) is { } bet => new PlacementResult.Accepted(bet),
            VenueStatuses.PendingAcceptance when success =>
                new PlacementResult.Unknown("pending acceptance: the venue has not decided yet"),
            // A refusal counts whether sent as 200 (Betfair, Pinnacle) or 4xx, as long as the venue says REJECTED with a code.
            VenueStatuses.Rejected when answered.Status < HttpStatusCode.InternalServerError && !string.IsNullOrWhiteSpace(body.Code) =>
                Rejected(body.Code!, body.CurrentOdds),
            _ => new PlacementResult.Unknown(Unreadable(answered)),
        };
    }

    private static PlacementResult.Rejected Rejected(string code, decimal? currentOdds)
    {
        var ours = VenueErrorCodes.Normalise(code);
        return new PlacementResult.Rejected(ours, RejectionCodes.IsPermanent(ours), currentOdds);
    }

    /// <summary>
    /// The bet in an ACCEPTED answer, or null if the answer is not one we can act on: a hedge is sized from these
    /// numbers, so a missing stake or an answer about another reference must not pass as an acceptance.
    /// </summary>
    private static AcceptedBet? AcceptedBet(BetAnswerBody body, ClientReference asked)
    {
        if (string.IsNullOrWhiteSpace(body.BetId) || body.Stake is not > 0m || body.Odds is not > 1m) return null;
        if (body.ClientReference is not null && body.ClientReference != asked.Value) return null;
        return new AcceptedBet(body.BetId, body.Stake.Value, body.Odds.Value);
    }

    private static string Unreadable(VenueReply.Answered answered)
    {
        var excerpt = answered.Body.Length <= 200 ? answered.Body : answered.Body[..200] + "...";
        return $"unexpected answer from the venue: HTTP {(int)answered.Status} {excerpt}";
    }
}
