using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BetExecutor.Venues.Http;

/// <summary>
/// The JSON shapes of the venue's HTTP API (see src/BetExecutor.Venue.Simulator/README.md), shared by the simulator
/// server and the client so the two cannot drift apart. Everything a venue sends is read as nullable: a field a
/// venue left out must surface as an unreadable answer, never as a default value such as a zero stake.
/// </summary>
public static class VenueWire
{
    /// <summary>camelCase names, nulls left out; decimals stay exact numbers. Read-only, so no caller can change the wire for everyone.</summary>
    public static readonly JsonSerializerOptions Json = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            // Error texts quote values ('nope'); keep them readable. Nothing here is embedded in HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>The <c>status</c> values of placement and lookup answers (Pinnacle's names where it has one).</summary>
public static class VenueStatuses
{
    public const string Accepted = "ACCEPTED";

    /// <summary>Pinnacle's live delay: the venue has the request but has not decided. Resolved by lookup.</summary>
    public const string PendingAcceptance = "PENDING_ACCEPTANCE";

    public const string Rejected = "REJECTED";
    public const string NotFound = "NOT_FOUND";
}

/// <summary>Who a request is placed as: the three parts of an <see cref="Domain.Identities.Identity"/>.</summary>
public sealed record AccountBody(string? Provider, string? Whitelabel, string? Account);

/// <summary><c>POST /bets</c>. The client reference is the idempotency key (Betfair's customerRef, Pinnacle's uniqueRequestId).</summary>
public sealed record PlaceBetBody(
    AccountBody? Account,
    string? ClientReference,
    string? EventId,
    string? Market,
    string? Selection,
    decimal? Odds,
    decimal? Stake,
    string? Currency);

/// <summary>
/// The answer to a placement and to a lookup. ACCEPTED carries bet id, stake and odds as taken; REJECTED carries a
/// code (and the venue's price when it moved); PENDING_ACCEPTANCE and NOT_FOUND carry nothing more.
/// </summary>
public sealed record BetAnswerBody(
    string? Status,
    string? ClientReference = null,
    string? BetId = null,
    decimal? Stake = null,
    decimal? Odds = null,
    string? Code = null,
    decimal? CurrentOdds = null,
    IReadOnlyList<string>? Errors = null);

/// <summary><c>GET /bets/{betId}/settlement</c>: one of <see cref="SettlementWireStates"/>.</summary>
public sealed record SettlementBody(string? BetId, string? State);

/// <summary>A plain error (5xx, bad control request).</summary>
public sealed record ErrorBody(string Error, IReadOnlyList<string>? Errors = null);

/// <summary><c>POST /control/scripts</c>: the scenario form of a <see cref="Scripts.LegScript"/>.</summary>
/// <param name="Place">accept, accept-at:ODDS, accept-more:FACTOR, reject:CODE, timeout-placed, timeout-not-placed or error.</param>
/// <param name="Settle">won, lost, void, half-won, half-lost or pending.</param>
/// <param name="VisibleAfter">How long after it is taken the bet shows in lookups, on the venue's clock ("00:00:05").</param>
/// <param name="Lookup">ok, or fails: every lookup of the reference fails.</param>
public sealed record ScriptBody(string? ClientReference, string? Place, string? Settle, TimeSpan? VisibleAfter, string? Lookup);

/// <summary><c>POST /control/clock</c> and <c>GET /control/clock</c>. <c>Virtual</c> is false while the venue follows real time.</summary>
public sealed record ClockBody(DateTimeOffset? Now, bool? Virtual = null);

/// <summary><c>GET /bets</c>: the venue's ground truth.</summary>
public sealed record BookBody(IReadOnlyList<HeldBetBody> Bets, IReadOnlyList<ReferenceCountBody> References);

/// <summary>A bet the venue holds, as taken (stake and odds) and as asked.</summary>
public sealed record HeldBetBody(
    string BetId,
    AccountBody Account,
    string ClientReference,
    string EventId,
    string Market,
    string Selection,
    string Currency,
    decimal Stake,
    decimal Odds,
    decimal AskedStake,
    decimal AskedOdds,
    DateTimeOffset PlacedAt,
    DateTimeOffset VisibleAt,
    string Settlement);

/// <summary>
/// Per (account, client reference): HTTP placement requests received (<c>Requests</c>, including those refused
/// before the venue looked at them, such as 429s), placement attempts the venue processed (<c>Attempts</c>; a
/// request delivered twice is two) and lookups by the reference (<c>Lookups</c>, retries included).
/// </summary>
public sealed record ReferenceCountBody(AccountBody Account, string ClientReference, int Requests, int Attempts, int Lookups);
