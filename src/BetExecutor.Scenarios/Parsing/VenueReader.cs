using BetExecutor.Venues.Scripts;
using BetExecutor.Domain.Legs;
using BetExecutor.Ingress.Json;

namespace BetExecutor.Scenarios.Parsing;

/// <summary>
/// Reads a signal step's <c>venue</c>: how the scripted bookmaker answers each leg. A leg the file leaves out
/// gets the expected outcome (<see cref="SignalStep.DefaultPositive"/>, <see cref="SignalStep.DefaultHedge"/>).
/// </summary>
internal static class VenueReader
{
    private const string SettleChoices = "won, lost, void, half-won, half-lost, pending";

    public static (LegScript Positive, LegScript Hedge) Read(JsonObjectReader step)
    {
        var venue = step.Object("venue", Need.Optional, "positive", "hedge");
        if (venue is null) return (SignalStep.DefaultPositive, SignalStep.DefaultHedge);
        return (ReadLeg(venue, "positive") ?? SignalStep.DefaultPositive, ReadLeg(venue, "hedge") ?? SignalStep.DefaultHedge);
    }

    private static LegScript? ReadLeg(JsonObjectReader venue, string name)
    {
        var leg = venue.Object(name, Need.Optional, "place", "settle", "visibleAfter", "lookup");
        if (leg is null) return null;

        PlaceScript? place = null;
        if (leg.String("place", Need.Required) is { } placeText && !PlaceScript.TryParse(placeText, out place, out var placeError))
            leg.Errors.Add(leg.PathOf("place"), placeError!);

        var settle = SettlementState.Pending;
        var settleKnown = false;
        if (leg.String("settle", Need.Required) is { } settleText)
        {
            settleKnown = LegScript.TryParseSettle(settleText, out settle);
            if (!settleKnown) leg.Errors.Add(leg.PathOf("settle"), $"'{settleText}' is not one of {SettleChoices}");
        }

        var visibleAfter = leg.Duration("visibleAfter", Need.Optional);
        var visibleAfterBad = leg.Has("visibleAfter") && visibleAfter is null;

        // Optional: "answer" (default) or "fail" — lookups by client reference fail, so an unknown stays unresolved.
        var lookupFails = false;
        var lookupBad = false;
        if (leg.String("lookup", Need.Optional) is { } lookupText)
        {
            lookupFails = lookupText == "fail";
            lookupBad = lookupText is not ("fail" or "answer");
            if (lookupBad) leg.Errors.Add(leg.PathOf("lookup"), $"'{lookupText}' is not one of answer, fail");
        }
        return place is not null && settleKnown && !visibleAfterBad && !lookupBad
            ? new LegScript(place, settle, visibleAfter ?? TimeSpan.Zero, lookupFails)
            : null;
    }
}
