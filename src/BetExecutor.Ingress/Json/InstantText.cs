using System.Globalization;
using System.Text.RegularExpressions;

namespace BetExecutor.Ingress.Json;

/// <summary>
/// Instants as scenario files write them: ISO-8601 with an explicit offset (<c>2030-06-01T12:00:00Z</c>,
/// <c>2030-06-01T14:00:00+02:00</c>). An instant without an offset would be read in the machine's time zone, so
/// the same file would mean different things on different machines; it is refused.
/// </summary>
public static partial class InstantText
{
    public const string Hint = "write ISO-8601 with an offset, e.g. 2030-06-01T12:00:00Z";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool TryParse(string text, out DateTimeOffset instant)
    {
        instant = default;
        return Shape().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out instant);
    }

    /// <summary>The instant in the one form <see cref="TryParse"/> reads back to exactly it (offset kept, no digits lost).</summary>
    public static string Format(DateTimeOffset instant)
    {
        var fraction = instant.Ticks % TimeSpan.TicksPerSecond;
        var seconds = instant.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        var digits = fraction == 0 ? "" : "." + fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
        return seconds + digits + instant.ToString("zzz", CultureInfo.InvariantCulture);
    }
}
