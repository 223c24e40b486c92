using BetExecutor.Domain.Validation;

namespace BetExecutor.Domain.Signals;

/// <summary>
/// The shape rules every signal must meet before any control is even consulted. Field names in errors are
/// the signal's JSON field paths, so a caller can prefix them with where the signal came from.
/// </summary>
public static class SignalRules
{
    public const int MaxIdLength = 128;

    public static IReadOnlyList<FieldError> Validate(Signal signal)
    {
        var errors = new List<FieldError>();
        CheckId("signalId", signal.SignalId, errors);
        CheckId("event.id", signal.Event.Id, errors);
        CheckText("positive.market", signal.Positive.Market, errors);
        CheckText("positive.selection", signal.Positive.Selection, errors);
        CheckOdds("positive.odds", signal.Positive.Odds, errors);
        if (signal.Positive.Stake <= 0m)
            errors.Add(new FieldError("positive.stake", "must be greater than 0"));
        if (signal.Positive.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
            errors.Add(new FieldError("positive.currency", "must be a three-letter upper-case ISO 4217 code"));
        CheckText("hedge.market", signal.Hedge.Market, errors);
        CheckText("hedge.selection", signal.Hedge.Selection, errors);
        CheckOdds("hedge.odds", signal.Hedge.Odds, errors);
        CheckOdds("hedge.minOdds", signal.Hedge.MinOdds, errors);
        if (signal.Hedge.MinOdds > signal.Hedge.Odds && signal.Hedge.MinOdds > 1m && signal.Hedge.Odds > 1m)
            errors.Add(new FieldError("hedge.minOdds", "must not be above hedge.odds"));
        if (signal.Hedge.Identity == signal.Identity
            && signal.Hedge.Market == signal.Positive.Market
            && signal.Hedge.Selection == signal.Positive.Selection)
            errors.Add(new FieldError("hedge.identity", "must not be the positive identity on the same market and selection: the pair would hedge nothing"));
        return errors;
    }

    private static void CheckOdds(string field, decimal odds, List<FieldError> errors)
    {
        if (odds <= 1m) errors.Add(new FieldError(field, "must be greater than 1 (decimal odds)"));
        else if (odds > 1000m) errors.Add(new FieldError(field, "must be at most 1000"));
    }

    private static void CheckText(string field, string? value, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add(new FieldError(field, "is required"));
    }

    private static void CheckId(string field, string? value, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, "is required"));
            return;
        }
        if (value.Length > MaxIdLength)
            errors.Add(new FieldError(field, $"must be at most {MaxIdLength} characters"));
        else if (!value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':'))
            errors.Add(new FieldError(field, "may hold only letters, digits and . _ - :"));
    }
}
