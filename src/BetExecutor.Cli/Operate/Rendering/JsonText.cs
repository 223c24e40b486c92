using System.Globalization;
using System.Text.Json;

namespace BetExecutor.Cli.Operate.Rendering;

/// <summary>
/// Reads the admin API's JSON for display. A field the server left out, or sent as null, shows as <c>-</c>; times
/// (ISO-8601 UTC) show to the second with a Z; the rendering never fails on a field of an unexpected shape.
/// </summary>
public static class JsonText
{
    public const string None = "-";

    public static JsonElement? Field(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value
            : null;

    /// <summary>A dotted path: <c>limits.maxStake</c>.</summary>
    public static JsonElement? Path(JsonElement element, string path)
    {
        JsonElement? current = element;
        foreach (var name in path.Split('.'))
        {
            if (current is not { } some) return null;
            current = Field(some, name);
        }
        return current;
    }

    public static string Text(JsonElement element, string path) => Path(element, path) is { } value ? Show(value) : None;

    public static string Time(JsonElement element, string path) =>
        Path(element, path) is { ValueKind: JsonValueKind.String } value && TryTime(value.GetString(), out var time) ? time : Text(element, path);

    public static bool Flag(JsonElement element, string path) => Path(element, path) is { ValueKind: JsonValueKind.True };

    public static IEnumerable<JsonElement> Items(JsonElement element, string path) =>
        Path(element, path) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    /// <summary>Any value as one line: strings as they are (times to the second), booleans yes/no, lists comma-separated.</summary>
    public static string Show(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => TryTime(value.GetString(), out var time) ? time : value.GetString() is { Length: > 0 } text ? text : None,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Array => value.GetArrayLength() == 0 ? None : string.Join(", ", value.EnumerateArray().Select(Show)),
        JsonValueKind.Object => string.Join(", ", value.EnumerateObject()
            .Where(p => p.Value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            .Select(p => $"{p.Name} {Show(p.Value)}")) is { Length: > 0 } fields ? fields : None,
        _ => None,
    };

    /// <summary>Only full ISO-8601 instants with a time part are reformatted; ids and plain numbers are left alone.</summary>
    private static bool TryTime(string? text, out string formatted)
    {
        formatted = "";
        if (text is null || text.Length < 19 || text[4] != '-' || text[10] != 'T') return false;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return false;
        formatted = time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return true;
    }
}
