using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Http;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venue.Simulator.Endpoints;

/// <summary>Between the wire shapes of <see cref="VenueWire"/> and the venue's types.</summary>
internal static class WireMapping
{
    public static AccountBody ToBody(Identity account) => new(account.Provider, account.Whitelabel, account.Account);

    public static BetAnswerBody Accepted(AcceptedBet bet, ClientReference reference) =>
        new(VenueStatuses.Accepted, reference.Value, bet.BetId, bet.Stake, bet.Odds);

    public static HeldBetBody ToBody(HeldBet bet) =>
        new(bet.BetId, ToBody(bet.Account), bet.ClientReference.Value, bet.EventId, bet.Market, bet.Selection,
            bet.Currency, bet.Stake, bet.Odds, bet.AskedStake, bet.AskedOdds, bet.PlacedAt, bet.VisibleAt,
            SettlementWireStates.Write(bet.Settlement));

    public static bool TryReadAccount(string? provider, string? whitelabel, string? account, out Identity? identity, List<string> errors)
    {
        identity = null;
        var problems = Identity.Validate(provider, whitelabel, account);
        foreach (var problem in problems) errors.Add(problem.Under("account").ToString());
        if (problems.Count > 0) return false;
        identity = Identity.Create(provider, whitelabel, account);
        return true;
    }

    /// <summary>Reads a placement; every problem is named by its field, as a venue's validation error would.</summary>
    public static bool TryReadPlacement(PlaceBetBody? body, out LegOrder? request, out List<string> errors)
    {
        request = null;
        errors = [];
        if (body is null)
        {
            errors.Add("body: a JSON object is required");
            return false;
        }
        TryReadAccount(body.Account?.Provider, body.Account?.Whitelabel, body.Account?.Account, out var account, errors);
        Require("clientReference", body.ClientReference, errors);
        Require("eventId", body.EventId, errors);
        Require("market", body.Market, errors);
        Require("selection", body.Selection, errors);
        Require("currency", body.Currency, errors);
        if (body.Odds is not > 1m) errors.Add("odds: must be a decimal number greater than 1");
        if (body.Stake is not > 0m) errors.Add("stake: must be a positive amount");
        if (errors.Count > 0) return false;

        request = new LegOrder(account!, new ClientReference(body.ClientReference!.Trim()), body.EventId!, body.Market!,
            body.Selection!, body.Odds!.Value, body.Stake!.Value, body.Currency!);
        return true;
    }

    private static void Require(string field, string? value, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add($"{field}: is required");
    }
}
