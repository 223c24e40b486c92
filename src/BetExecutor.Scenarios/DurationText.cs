using System.Globalization;

namespace BetExecutor.Scenarios;

/// <summary>
/// Durations as scenario files and the CLI write them: a whole number followed by <c>ms</c>, <c>s</c>, <c>m</c>,
/// <c>h</c> or <c>d</c> (<c>0s</c>, <c>90s</c>, <c>5m</c>, <c>1h</c>). One unit, no sign, no fractions, no spaces:
/// a form with exactly one spelling per value is hard to misread in a file that moves real money's settings.
/// </summary>
public static class DurationText
{
    public const string Hint = "write a whole number followed by ms, s, m, h or d (e.g. 0s, 90s, 5m, 1h)";

    // Largest first, so Format picks the largest unit that divides exactly.
    private static readonly (string Suffix, long Milliseconds)[] Units =
    [
        ("d", 86_400_000),
        ("h", 3_600_000),
        ("m", 60_000),
        ("s", 1_000),
        ("ms", 1),
    ];

    private static readonly long MaxMilliseconds = TimeSpan.MaxValue.Ticks / TimeSpan.TicksPerMillisecond;

    public static bool TryParse(string? text, out TimeSpan duration, out string? error)
    {
        duration = TimeSpan.Zero;
        error = null;
        if (string.IsNullOrEmpty(text))
        {
            error = $"is empty: {Hint}";
            return false;
        }
        if (text[0] == '-')
        {
            error = $"'{text}' is negative: a duration counts forward from the start, {Hint}";
            return false;
        }

        var digits = 0;
        while (digits < text.Length && char.IsAsciiDigit(text[digits])) digits++;
        var unit = Units.FirstOrDefault(u => u.Suffix == text[digits..]);
        if (digits == 0 || unit.Suffix is null)
        {
            error = $"'{text}' is not a duration: {Hint}";
            return false;
        }

        if (!long.TryParse(text.AsSpan(0, digits), NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            || count > MaxMilliseconds / unit.Milliseconds)
        {
            error = $"'{text}' is too long a duration";
            return false;
        }
        duration = TimeSpan.FromMilliseconds(count * unit.Milliseconds);
        return true;
    }

    /// <exception cref="FormatException">The text is not a duration; the message says why.</exception>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    /// <summary>The shortest form of <paramref name="duration"/> that parses back to exactly it: <c>90s</c>, <c>5m</c>, <c>1500ms</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The duration is negative or not a whole number of milliseconds: no text of this form means it, and a
    /// rounded one would parse back to a different value.
    /// </exception>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero || duration.Ticks % TimeSpan.TicksPerMillisecond != 0)
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "Only non-negative whole milliseconds can be written as a duration.");
        if (duration == TimeSpan.Zero) return "0s";

        var milliseconds = duration.Ticks / TimeSpan.TicksPerMillisecond;
        var unit = Units.First(u => milliseconds % u.Milliseconds == 0);
        return (milliseconds / unit.Milliseconds).ToString(CultureInfo.InvariantCulture) + unit.Suffix;
    }
}
