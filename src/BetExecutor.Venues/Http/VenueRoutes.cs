using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venues.Http;

/// <summary>The venue API's paths, relative to its base address. The server's route templates sit beside the client's builders.</summary>
public static class VenueRoutes
{
    public const string Bets = "bets";
    public const string ByReferenceTemplate = "bets/by-reference/{provider}/{whitelabel}/{account}/{clientReference}";
    public const string SettlementTemplate = "bets/{betId}/settlement";
    public const string ControlScripts = "control/scripts";
    public const string ControlClock = "control/clock";
    public const string ControlRuns = "control/runs";

    /// <summary>The path, relative to the simulator's base address, under which a run's own venue is served.</summary>
    public static string Run(string runId) => $"runs/{Escape(runId)}/";

    public static string ByReference(Identity account, ClientReference clientReference) =>
        $"bets/by-reference/{Escape(account.Provider)}/{Escape(account.Whitelabel)}/{Escape(account.Account)}/{Escape(clientReference.Value)}";

    /// <summary>The account travels as its key, <c>provider/whitelabel/account</c>, in the query string.</summary>
    public static string Settlement(Identity account, string betId) =>
        $"bets/{Escape(betId)}/settlement?account={Escape(account.Key)}";

    /// <summary>The base address with a trailing slash: relative paths resolve under its path only then (http://host/venue/ + bets).</summary>
    public static Uri BaseAddress(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
    }

    private static string Escape(string part) => Uri.EscapeDataString(part);
}
