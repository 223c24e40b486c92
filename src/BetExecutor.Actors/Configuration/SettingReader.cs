using System.Globalization;
using System.Text.RegularExpressions;
using Akka.Configuration;

namespace BetExecutor.Actors.Configuration;

/// <summary>
/// Reads the values of one HOCON section, each checked against its range; every failure is a
/// <see cref="SettingException"/> naming the setting's full path. Values are parsed here rather than by Akka's
/// lenient getters, so a duration needs a unit and a number is a number. Public so that every section of
/// reference.conf (the gateway's too) is read by the same rules.
/// </summary>
public sealed partial class SettingReader(Config section, string path)
{
    public string PathOf(string key) => $"{path}.{key}";

    public SettingReader Section(string key) => new(section.GetConfig(key), PathOf(key));

    public TimeSpan Duration(string key, bool zeroAllowed)
    {
        var text = Text(key);
        var match = DurationPattern().Match(text);
        if (!match.Success)
            throw new SettingException(PathOf(key), $"'{text}' is not a duration (a number and a unit: ms, s, m, h or d, e.g. 30s)");
        var amount = decimal.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value;
        var milliseconds = amount * unit switch
        {
            "ms" or "millisecond" or "milliseconds" => 1m,
            "s" or "second" or "seconds" => 1_000m,
            "m" or "minute" or "minutes" => 60_000m,
            "h" or "hour" or "hours" => 3_600_000m,
            _ => 86_400_000m,
        };
        // Thirty days is far beyond any sensible timing and keeps every sum of settings and instants in range.
        if (milliseconds > 30m * 86_400_000m) throw new SettingException(PathOf(key), $"'{text}' is too long (at most 30d)");
        if (amount < 0m || (!zeroAllowed && amount == 0m))
            throw new SettingException(PathOf(key), $"must be {(zeroAllowed ? "0s or more" : "more than 0s")} (got {text})");
        return TimeSpan.FromMilliseconds((double)milliseconds);
    }

    /// <summary>A duration more than 0s, or <c>off</c> (null).</summary>
    public TimeSpan? DurationOrOff(string key) => IsOff(key) ? null : Duration(key, zeroAllowed: false);

    public int Whole(string key, int min, int max)
    {
        var text = Text(key);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            throw new SettingException(PathOf(key), $"'{text}' is not a whole number");
        if (value < min || value > max) throw new SettingException(PathOf(key), $"must be between {min} and {max} (got {value})");
        return value;
    }

    /// <summary>A whole number at least <paramref name="min"/>, or <c>off</c> (null).</summary>
    public int? WholeOrOff(string key, int min, int max) => IsOff(key) ? null : Whole(key, min, max);

    /// <summary>An amount or share: a plain decimal number in [<paramref name="min"/>, <paramref name="max"/>] (min excluded when asked).</summary>
    public decimal Number(string key, decimal min, decimal max, bool minExcluded = false)
    {
        var text = Text(key);
        if (!NumberPattern().IsMatch(text) || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            throw new SettingException(PathOf(key), $"'{text}' is not a number");
        if (value < min || value > max || (minExcluded && value == min))
            throw new SettingException(PathOf(key), $"must be {(minExcluded ? "more than" : "at least")} {min} and at most {max} (got {text})");
        return value;
    }

    public decimal? NumberOrOff(string key, decimal min, decimal max, bool minExcluded = false) =>
        IsOff(key) ? null : Number(key, min, max, minExcluded);

    public bool Switch(string key) => Text(key).ToLowerInvariant() switch
    {
        "on" or "true" or "yes" => true,
        "off" or "false" or "no" => false,
        var other => throw new SettingException(PathOf(key), $"'{other}' is neither on nor off"),
    };

    public bool Has(string key) => section.HasPath(key);

    /// <summary>The keys of this section (for sections keyed by data, such as identities).</summary>
    public IEnumerable<string> Keys() => section.Root?.GetObject()?.Items.Keys ?? Enumerable.Empty<string>();

    /// <summary>A file system path: non-empty, at most 1,000 characters, no control characters.</summary>
    public string FilePath(string key)
    {
        var text = Text(key);
        if (text.Length is 0 or > 1000 || text.Any(char.IsControl))
            throw new SettingException(PathOf(key), "must be a path of 1 to 1000 printable characters");
        return text;
    }

    /// <summary>A size in bytes: a whole number with an optional unit B, KiB or MiB (64KiB), in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public long Bytes(string key, long min, long max)
    {
        var text = Text(key);
        var match = SizePattern().Match(text);
        if (!match.Success || !long.TryParse(match.Groups["amount"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > int.MaxValue)
            throw new SettingException(PathOf(key), $"'{text}' is not a size (a whole number and a unit: B, KiB or MiB, e.g. 64KiB)");
        var bytes = amount * match.Groups["unit"].Value switch { "KiB" => 1024L, "MiB" => 1024L * 1024L, _ => 1L };
        if (bytes < min || bytes > max) throw new SettingException(PathOf(key), $"must be between {min} and {max} bytes (got {text})");
        return bytes;
    }

    /// <summary>A single text value, trimmed; what it means is the caller's to check.</summary>
    public string Value(string key) => Text(key);

    private bool IsOff(string key) => Text(key).Equals("off", StringComparison.OrdinalIgnoreCase);

    private string Text(string key)
    {
        var value = section.HasPath(key) ? section.GetValue(key) : null;
        if (value is null) throw new SettingException(PathOf(key), "missing");
        if (!value.IsString()) throw new SettingException(PathOf(key), "must be a single value, not a section or a list");
        return value.GetString()?.Trim() ?? throw new SettingException(PathOf(key), "missing");
    }

    [GeneratedRegex(@"^(?<amount>-?\d+(\.\d+)?)\s*(?<unit>ms|milliseconds?|s|seconds?|m|minutes?|h|hours?|d|days?)$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"^(?<amount>\d{1,12})\s*(?<unit>B|KiB|MiB)?$")]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"^-?\d+(\.\d+)?$")]
    private static partial Regex NumberPattern();
}
