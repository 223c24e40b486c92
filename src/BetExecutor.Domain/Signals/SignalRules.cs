using BetExecutor.Domain.Validation;

namespace BetExecutor.Domain.Signals;

/// <summary>
/// The shape and bounds every signal must meet before any control is even consulted: every string bounded in
/// length and characters, an ISO 4217 currency, stakes and odds in range, instants in a window around now. Field
/// names in errors are the signal's JSON field paths, so a caller can prefix them with where the signal came from.
/// </summary>
/// <remarks>
/// The bounds are <see cref="ValueBounds"/>, chosen so that nothing computed from a valid signal can overflow and
/// every event recording it can be replayed. <paramref name="now"/> is passed in: the domain never reads a clock.
/// </remarks>
public static class SignalRules
{
    public const int MaxIdLength = TextRules.MaxIdLength;

    public static IReadOnlyList<FieldError> Validate(Signal signal, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        TextRules.CheckId("signalId", signal.SignalId, errors);
        TextRules.CheckId("event.id", signal.Event.Id, errors);
        ValueBounds.CheckInstant("event.startsAt", signal.Event.StartsAt, now,
            ValueBounds.EventStartedAtMost, ValueBounds.EventStartsWithin, errors);
        if (signal.ExpiresAt is { } expiresAt)
            ValueBounds.CheckInstant("expiresAt", expiresAt, now, ValueBounds.ExpiryWithin, ValueBounds.ExpiryWithin, errors);

        TextRules.CheckName("positive.market", signal.Positive.Market, errors);
        TextRules.CheckName("positive.selection", signal.Positive.Selection, errors);
        ValueBounds.CheckOdds("positive.odds", signal.Positive.Odds, errors);
        ValueBounds.CheckStake("positive.stake", signal.Positive.Stake, errors);
        if (!Currencies.IsKnown(signal.Positive.Currency))
            errors.Add(new FieldError("positive.currency", "must be an ISO 4217 currency code in upper case, such as EUR, GBP or USD"));

        TextRules.CheckName("hedge.market", signal.Hedge.Market, errors);
        TextRules.CheckName("hedge.selection", signal.Hedge.Selection, errors);
        ValueBounds.CheckOdds("hedge.odds", signal.Hedge.Odds, errors);
        ValueBounds.CheckOdds("hedge.minOdds", signal.Hedge.MinOdds, errors);
        if (signal.Hedge.MinOdds > signal.Hedge.Odds && signal.Hedge.MinOdds > 1m && signal.Hedge.Odds > 1m)
            errors.Add(new FieldError("hedge.minOdds", "must not be above hedge.odds"));
        if (HedgesNothing(signal))
            errors.Add(new FieldError("hedge.identity", "must not be the positive identity on the same market and selection: the pair would hedge nothing"));
        return errors;
    }

    /// <summary>
    /// The hedge is the positive bet again: same identity, market and selection. Names are compared normalised
    /// (<see cref="TextRules.Normalise"/>), so <c>"Home"</c> and <c>"home "</c> cannot slip past as two selections.
    /// </summary>
    public static bool HedgesNothing(Signal signal) =>
        signal.Hedge.Identity == signal.Identity
        && signal.Hedge.Market is { } hedgeMarket && signal.Positive.Market is { } positiveMarket
        && signal.Hedge.Selection is { } hedgeSelection && signal.Positive.Selection is { } positiveSelection
        && TextRules.SameName(hedgeMarket, positiveMarket)
        && TextRules.SameName(hedgeSelection, positiveSelection);
}
