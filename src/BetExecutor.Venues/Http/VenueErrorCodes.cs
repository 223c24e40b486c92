using BetExecutor.Venues.Contract;

namespace BetExecutor.Venues.Http;

/// <summary>
/// Maps the error codes real venues send onto <see cref="RejectionCodes"/>, so the permanent/transient split is
/// decided in one place. Codes already in our vocabulary pass through; a code nobody mapped passes through as
/// sent and so counts as permanent (<see cref="RejectionCodes.IsPermanent"/>).
/// </summary>
public static class VenueErrorCodes
{
    /// <summary>The simulator's answer to a request it cannot read. Not in <see cref="RejectionCodes"/>: retrying the same request cannot help, so it is permanent.</summary>
    public const string InvalidRequest = "INVALID_REQUEST";

    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        // Betfair (PlaceInstructionReport errorCode / APINGException)
        ["MARKET_NOT_OPEN_FOR_BETTING"] = RejectionCodes.MarketClosed,
        ["PERMISSION_DENIED"] = RejectionCodes.AccountBlocked,
        ["BET_LAPSED_PRICE_IMPROVEMENT_TOO_LARGE"] = RejectionCodes.PriceChanged,
        ["TOO_MANY_REQUESTS"] = RejectionCodes.RateLimited,
        ["SERVICE_UNAVAILABLE"] = RejectionCodes.ServiceBusy,
        // Pinnacle (placeBet errorCode)
        ["ABOVE_MAX_BET_AMOUNT"] = RejectionCodes.StakeAboveMax,
        ["BELOW_MIN_BET_AMOUNT"] = RejectionCodes.StakeBelowMin,
        ["BLOCKED_BETTING"] = RejectionCodes.AccountBlocked,
        ["BLOCKED_CLIENT"] = RejectionCodes.AccountBlocked,
        ["ACCOUNT_INACTIVE"] = RejectionCodes.AccountBlocked,
        ["OFFLINE_EVENT"] = RejectionCodes.MarketClosed,
        ["PAST_CUTOFFTIME"] = RejectionCodes.MarketClosed,
        ["LINE_CHANGED"] = RejectionCodes.PriceChanged,
    };

    public static string Normalise(string code) =>
        Synonyms.TryGetValue(code, out var ours) ? ours : code.ToUpperInvariant();
}
