namespace BetExecutor.Venues.Contract;

/// <summary>
/// Venue rejection codes, each classified permanent (retrying cannot help) or transient (a bounded retry may).
/// Names follow the style of Betfair's and Pinnacle's public error codes. A code we do not know is permanent:
/// retrying something we do not understand risks more than it gains.
/// </summary>
public static class RejectionCodes
{
    public const string InsufficientFunds = "INSUFFICIENT_FUNDS";
    public const string MarketClosed = "MARKET_CLOSED";
    public const string MarketSuspended = "MARKET_SUSPENDED";
    public const string AccountBlocked = "ACCOUNT_BLOCKED";
    public const string StakeAboveMax = "STAKE_ABOVE_MAX";
    public const string StakeBelowMin = "STAKE_BELOW_MIN";
    public const string OddsBelowMinimum = "ODDS_BELOW_MINIMUM";
    public const string RateLimited = "RATE_LIMITED";
    public const string PriceChanged = "PRICE_CHANGED";
    public const string ServiceBusy = "SERVICE_BUSY";
    /// <summary>Our side never sent the request (the venue's circuit is open, or it could not be reached at all).</summary>
    public const string VenueUnavailable = "VENUE_UNAVAILABLE";

    private static readonly HashSet<string> Transient = new(StringComparer.OrdinalIgnoreCase)
    {
        RateLimited, PriceChanged, ServiceBusy, MarketSuspended, VenueUnavailable,
    };

    public static bool IsPermanent(string code) => !Transient.Contains(code);
}
