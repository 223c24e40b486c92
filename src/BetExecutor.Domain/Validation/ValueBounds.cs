namespace BetExecutor.Domain.Validation;

/// <summary>
/// The sane range of every number and instant an input may carry. Each bound is far beyond any real bet, and far
/// inside what the arithmetic done on it can hold: a stake times odds, divided by a stake step, summed over a day,
/// never comes near decimal's limit (7.9e28), and an instant plus any configured duration stays a valid instant.
/// Inputs outside are refused where they come in, naming the field; nothing is clamped.
/// </summary>
public static class ValueBounds
{
    /// <summary>Largest stake of one leg, in any currency (a billion: real stakes in the weakest currencies stay far below).</summary>
    public const decimal MaxStake = 1_000_000_000m;

    /// <summary>Largest stake summed over a day for one identity.</summary>
    public const decimal MaxDailyStake = 1_000_000_000_000m;

    /// <summary>Stakes, steps and odds carry at most this many decimal places (the finest currency unit is 1/10,000).</summary>
    public const int MaxDecimals = 4;

    /// <summary>Decimal odds are above 1 (a win pays more than the stake) and at most this.</summary>
    public const decimal MaxOdds = 1000m;

    /// <summary>The finest stake step a venue may round to; a step of 1e-28 would overflow every division by it.</summary>
    public const decimal MinStakeStep = 0.0001m;

    /// <summary>The coarsest stake step.</summary>
    public const decimal MaxStakeStep = 1_000_000m;

    /// <summary>How long before now an event may have started: an in-play signal on a match, a tournament's final day.</summary>
    public static readonly TimeSpan EventStartedAtMost = TimeSpan.FromDays(31);

    /// <summary>How far ahead an event may start: a season's fixtures, not year 9999.</summary>
    public static readonly TimeSpan EventStartsWithin = TimeSpan.FromDays(400);

    /// <summary>How far from now a signal's expiry may be: signals go stale in seconds, so a day either way is generous.</summary>
    public static readonly TimeSpan ExpiryWithin = TimeSpan.FromDays(1);

    /// <summary>Whether <paramref name="value"/> has at most <see cref="MaxDecimals"/> decimal places.</summary>
    public static bool HasAtMostMaxDecimals(decimal value) => decimal.Round(value, MaxDecimals) == value;

    /// <summary>A stake (or stake limit): above 0, at most <paramref name="max"/>, at most <see cref="MaxDecimals"/> places.</summary>
    public static void CheckStake(string field, decimal value, List<FieldError> errors, decimal max = MaxStake)
    {
        if (value <= 0m) errors.Add(new FieldError(field, "must be greater than 0"));
        else if (value > max) errors.Add(new FieldError(field, $"must be at most {max:0}"));
        else if (!HasAtMostMaxDecimals(value)) errors.Add(new FieldError(field, $"must have at most {MaxDecimals} decimal places"));
    }

    /// <summary>Decimal odds: above 1, at most <see cref="MaxOdds"/>, at most <see cref="MaxDecimals"/> places.</summary>
    public static void CheckOdds(string field, decimal odds, List<FieldError> errors)
    {
        if (odds <= 1m) errors.Add(new FieldError(field, "must be greater than 1 (decimal odds)"));
        else if (odds > MaxOdds) errors.Add(new FieldError(field, $"must be at most {MaxOdds:0}"));
        else if (!HasAtMostMaxDecimals(odds)) errors.Add(new FieldError(field, $"must have at most {MaxDecimals} decimal places"));
    }

    public static void CheckStakeStep(string field, decimal step, List<FieldError> errors)
    {
        if (step < MinStakeStep || step > MaxStakeStep)
            errors.Add(new FieldError(field, $"must be between {MinStakeStep} and {MaxStakeStep:0}"));
        else if (!HasAtMostMaxDecimals(step))
            errors.Add(new FieldError(field, $"must have at most {MaxDecimals} decimal places"));
    }

    /// <summary>An instant within [<paramref name="now"/> − <paramref name="before"/>, <paramref name="now"/> + <paramref name="after"/>].</summary>
    public static void CheckInstant(string field, DateTimeOffset value, DateTimeOffset now, TimeSpan before, TimeSpan after, List<FieldError> errors)
    {
        // Compared by distance, never by now ± span: that sum is itself out of range near the ends of the calendar.
        if (value < now && now - value > before)
            errors.Add(new FieldError(field, $"{value:O} is more than {Days(before)} before now ({now:O})"));
        else if (value > now && value - now > after)
            errors.Add(new FieldError(field, $"{value:O} is more than {Days(after)} after now ({now:O})"));
    }

    private static string Days(TimeSpan span) => span.TotalDays == 1 ? "1 day" : $"{span.TotalDays:0} days";
}
