using System.Globalization;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Validation;

namespace BetExecutor.Venues.Scripts;

/// <summary>How a scripted venue answers placement attempts of one leg. Every attempt is answered the same way.</summary>
public enum PlaceBehaviour
{
    /// <summary>Takes the bet at the asked stake and odds.</summary>
    Accept,
    /// <summary>Takes the bet at the asked stake but at other odds (<see cref="PlaceScript.Odds"/>).</summary>
    AcceptAt,
    /// <summary>
    /// A venue that lies: takes the bet for <see cref="PlaceScript.Factor"/> times the asked stake, at the asked odds.
    /// An executor must not size anything from such an answer.
    /// </summary>
    AcceptMore,
    /// <summary>Refuses with <see cref="PlaceScript.Code"/>; holds nothing.</summary>
    Reject,
    /// <summary>Takes the bet but the answer times out: the client sees Unknown.</summary>
    TimeoutPlaced,
    /// <summary>Does not take the bet and the answer times out: the client sees Unknown.</summary>
    TimeoutNotPlaced,
    /// <summary>Answers with a server error and does not take the bet: the client sees Unknown.</summary>
    Error,
}

public sealed record PlaceScript(PlaceBehaviour Behaviour, decimal? Odds = null, string? Code = null, decimal? Factor = null)
{
    public static readonly PlaceScript Accept = new(PlaceBehaviour.Accept);

    /// <summary>The largest <c>accept-more</c> factor: big enough to make an accepted stake overflow careless arithmetic.</summary>
    public const decimal MaxFactor = 1e27m;

    /// <summary>
    /// Parses the scenario form: <c>accept</c>, <c>accept-at:ODDS</c>, <c>accept-more:FACTOR</c>, <c>reject:CODE</c>, <c>timeout-placed</c>,
    /// <c>timeout-not-placed</c> or <c>error</c>. Errors name <paramref name="field"/>.
    /// </summary>
    public static PlaceScript Parse(string? text, string field)
    {
        if (TryParse(text, out var script, out var message)) return script!;
        throw new DomainValidationException([new FieldError(field, message!)]);
    }

    public static bool TryParse(string? text, out PlaceScript? script, out string? error)
    {
        script = null;
        error = null;
        switch (text)
        {
            case "accept": script = Accept; return true;
            case "timeout-placed": script = new(PlaceBehaviour.TimeoutPlaced); return true;
            case "timeout-not-placed": script = new(PlaceBehaviour.TimeoutNotPlaced); return true;
            case "error": script = new(PlaceBehaviour.Error); return true;
        }
        if (text is not null && text.StartsWith("accept-at:", StringComparison.Ordinal))
        {
            var odds = text["accept-at:".Length..];
            if (decimal.TryParse(odds, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 1m)
            {
                script = new(PlaceBehaviour.AcceptAt, Odds: value);
                return true;
            }
            error = $"'{text}': the odds after accept-at: must be a decimal number greater than 1";
            return false;
        }
        if (text is not null && text.StartsWith("accept-more:", StringComparison.Ordinal))
        {
            var factor = text["accept-more:".Length..];
            if (decimal.TryParse(factor, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var value)
                && value > 1m && value <= MaxFactor)
            {
                script = new(PlaceBehaviour.AcceptMore, Factor: value);
                return true;
            }
            error = $"'{text}': the factor after accept-more: must be a decimal number above 1 and at most {MaxFactor.ToString("E0", CultureInfo.InvariantCulture)}";
            return false;
        }
        if (text is not null && text.StartsWith("reject:", StringComparison.Ordinal))
        {
            var code = text["reject:".Length..];
            if (code.Length > 0 && code.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                script = new(PlaceBehaviour.Reject, Code: code);
                return true;
            }
            error = $"'{text}': the code after reject: must be letters, digits or _ (e.g. reject:MARKET_CLOSED)";
            return false;
        }
        error = $"'{text}' is not one of accept, accept-at:ODDS, accept-more:FACTOR, reject:CODE, timeout-placed, timeout-not-placed, error";
        return false;
    }
}

/// <summary>A scripted leg: how placements are answered, when the bet shows in lookups, and how it settles.</summary>
/// <param name="LookupFails">Every lookup by the leg's client reference fails (the venue's search is down), so an unknown outcome cannot be resolved.</param>
public sealed record LegScript(PlaceScript Place, SettlementState Settle, TimeSpan VisibleAfter, bool LookupFails = false)
{
    public static readonly LegScript AcceptAndStayPending = new(PlaceScript.Accept, SettlementState.Pending, TimeSpan.Zero);

    /// <summary>Parses the scenario form of <c>settle</c>: won, lost, void, half-won, half-lost or pending.</summary>
    public static bool TryParseSettle(string? text, out SettlementState state)
    {
        (var ok, state) = text switch
        {
            "won" => (true, SettlementState.Won),
            "lost" => (true, SettlementState.Lost),
            "void" => (true, SettlementState.Void),
            "half-won" => (true, SettlementState.HalfWon),
            "half-lost" => (true, SettlementState.HalfLost),
            "pending" => (true, SettlementState.Pending),
            _ => (false, SettlementState.Pending),
        };
        return ok;
    }

    public static string FormatSettle(SettlementState state) => state switch
    {
        SettlementState.Won => "won",
        SettlementState.Lost => "lost",
        SettlementState.Void => "void",
        SettlementState.HalfWon => "half-won",
        SettlementState.HalfLost => "half-lost",
        _ => "pending",
    };
}
