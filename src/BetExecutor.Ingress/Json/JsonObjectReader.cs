using System.Text.Json;

namespace BetExecutor.Ingress.Json;

/// <summary>
/// Reads the fields of one JSON object with exact types, reporting into an <see cref="ErrorSink"/> instead of
/// throwing. Opening it reports every field it does not know and every field written twice, so a typo
/// (<c>"stkae"</c>) is an error rather than a silently applied default.
/// </summary>
/// <remarks>
/// Each getter returns <c>null</c> when the field is absent or wrong; for a required field it has then already
/// reported why. Callers go on reading the other fields, so one pass finds every mistake.
/// </remarks>
public sealed class JsonObjectReader
{
    private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);

    public string Path { get; }

    public ErrorSink Errors { get; }

    private JsonObjectReader(JsonElement element, string path, ErrorSink errors, IReadOnlyCollection<string> knownFields)
    {
        Path = path;
        Errors = errors;
        foreach (var property in element.EnumerateObject())
        {
            if (!knownFields.Contains(property.Name))
                errors.Add(PathOf(property.Name), $"unknown field; expected one of {string.Join(", ", knownFields)}");
            else if (!_fields.TryAdd(property.Name, property.Value))
                errors.Add(PathOf(property.Name), "appears more than once");
        }
    }

    /// <summary>Opens <paramref name="element"/> as an object, or reports that it is not one and returns null.</summary>
    public static JsonObjectReader? Open(JsonElement element, string path, ErrorSink errors, params string[] knownFields)
    {
        if (element.ValueKind == JsonValueKind.Object) return new JsonObjectReader(element, path, errors, knownFields);
        errors.Add(path, $"must be an object, not {Describe(element)}");
        return null;
    }

    public string PathOf(string name) => FieldPath.Of(Path, name);

    public bool Has(string name) => _fields.ContainsKey(name);

    public bool TryGet(string name, out JsonElement value) => _fields.TryGetValue(name, out value);

    public JsonObjectReader? Object(string name, Need need, params string[] knownFields) =>
        Get(name, need) is { } element ? Open(element, PathOf(name), Errors, knownFields) : null;

    public string? String(string name, Need need)
    {
        if (Get(name, need) is not { } element) return null;
        if (element.ValueKind == JsonValueKind.String) return element.GetString();
        return Mismatch(name, "a string", element);
    }

    public decimal? Decimal(string name, Need need)
    {
        if (Get(name, need) is not { } element) return null;
        if (element.ValueKind != JsonValueKind.Number) return Mismatch<decimal>(name, "a number", element);
        if (element.TryGetDecimal(out var value)) return value;
        Errors.Add(PathOf(name), $"{Shorten(element.GetRawText())} is out of range");
        return null;
    }

    /// <summary>An optional whole number within [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int? Int(string name, int min, int max)
    {
        if (Get(name, Need.Optional) is not { } element) return null;
        if (element.ValueKind != JsonValueKind.Number) return Mismatch<int>(name, "a whole number", element);
        var range = (min, max) switch
        {
            (int.MinValue, int.MaxValue) => "",
            (_, int.MaxValue) => $" at least {min}",
            _ => $" between {min} and {max}",
        };
        if (!element.TryGetInt32(out var value))
            Errors.Add(PathOf(name), $"must be a whole number{range}, not {Shorten(element.GetRawText())}");
        else if (value < min || value > max)
            Errors.Add(PathOf(name), $"is {value}; must be{range}");
        else
            return value;
        return null;
    }

    public bool? Bool(string name)
    {
        if (Get(name, Need.Optional) is not { } element) return null;
        return element.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => Mismatch<bool>(name, "true or false", element),
        };
    }

    public DateTimeOffset? Instant(string name, Need need)
    {
        if (String(name, need) is not { } text) return null;
        if (InstantText.TryParse(text, out var instant)) return instant;
        Errors.Add(PathOf(name), $"{Quote(text)} is not an instant: {InstantText.Hint}");
        return null;
    }

    private JsonElement? Get(string name, Need need)
    {
        if (_fields.TryGetValue(name, out var element)) return element;
        if (need == Need.Required) Errors.Add(PathOf(name), "is required");
        return null;
    }

    private string? Mismatch(string name, string expected, JsonElement actual)
    {
        Errors.Add(PathOf(name), $"must be {expected}, not {Describe(actual)}");
        return null;
    }

    private T? Mismatch<T>(string name, string expected, JsonElement actual) where T : struct
    {
        Mismatch(name, expected, actual);
        return null;
    }

    /// <summary>What was written instead, quoted so the author can find it: <c>the string "2.10"</c>.</summary>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string {Shorten(element.GetRawText())}",
        JsonValueKind.Number => $"the number {Shorten(element.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => $"the boolean {element.GetRawText()}",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };

    /// <summary>
    /// Text the input gave, fit to be echoed in an error: JSON-quoted (so a control character or an ANSI escape
    /// shows as <c>\u001b</c> and can never act on a terminal or a log) and cut to a few dozen characters (so a
    /// 10 MB value is not sent back).
    /// </summary>
    public static string Quote(string text) =>
        Shorten(JsonSerializer.Serialize(text.Length > 64 ? text[..64] : text));

    private static string Shorten(string raw) => raw.Length <= 40 ? raw : raw[..37] + "...";
}
