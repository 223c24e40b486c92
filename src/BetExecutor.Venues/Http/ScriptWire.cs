using System.Globalization;
using BetExecutor.Venues.Scripts;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venues.Http;

/// <summary>A <see cref="LegScript"/> in the control API's scenario form, both ways.</summary>
public static class ScriptWire
{
    public const string LookupOk = "ok";
    public const string LookupFails = "fails";

    public static ScriptBody ToBody(ClientReference clientReference, LegScript script) =>
        new(clientReference.Value,
            FormatPlace(script.Place),
            LegScript.FormatSettle(script.Settle),
            script.VisibleAfter,
            script.LookupFails ? LookupFails : LookupOk);

    /// <summary>Reads a control request; every problem is named by its field so the runner's error says what to fix.</summary>
    public static bool TryRead(ScriptBody? body, out ClientReference? clientReference, out LegScript? script, out IReadOnlyList<string> errors)
    {
        clientReference = null;
        script = null;
        var problems = new List<string>();
        if (body is null)
        {
            errors = ["body: a JSON object with clientReference, place, settle, visibleAfter and lookup is required"];
            return false;
        }
        if (string.IsNullOrWhiteSpace(body.ClientReference)) problems.Add("clientReference: is required");
        if (!PlaceScript.TryParse(body.Place, out var place, out var placeError)) problems.Add($"place: {placeError}");
        var settle = SettlementState.Pending;
        if (body.Settle is not null && !LegScript.TryParseSettle(body.Settle, out settle))
            problems.Add($"settle: '{body.Settle}' is not one of won, lost, void, half-won, half-lost, pending");
        var visibleAfter = body.VisibleAfter ?? TimeSpan.Zero;
        if (visibleAfter < TimeSpan.Zero) problems.Add("visibleAfter: must not be negative");
        var lookupFails = body.Lookup switch
        {
            null or LookupOk => false,
            LookupFails => true,
            _ => AddProblem(problems, $"lookup: '{body.Lookup}' is not one of ok, fails"),
        };

        errors = problems;
        if (problems.Count > 0) return false;
        clientReference = new ClientReference(body.ClientReference!.Trim());
        script = new LegScript(place!, settle, visibleAfter, lookupFails);
        return true;
    }

    private static bool AddProblem(List<string> problems, string problem)
    {
        problems.Add(problem);
        return false;
    }

    private static string FormatPlace(PlaceScript place) => place.Behaviour switch
    {
        PlaceBehaviour.Accept => "accept",
        PlaceBehaviour.AcceptAt => "accept-at:" + place.Odds!.Value.ToString(CultureInfo.InvariantCulture),
        PlaceBehaviour.AcceptMore => "accept-more:" + place.Factor!.Value.ToString(CultureInfo.InvariantCulture),
        PlaceBehaviour.Reject => "reject:" + place.Code,
        PlaceBehaviour.TimeoutPlaced => "timeout-placed",
        PlaceBehaviour.TimeoutNotPlaced => "timeout-not-placed",
        PlaceBehaviour.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(place), place.Behaviour, "no scenario form for this behaviour"),
    };
}
