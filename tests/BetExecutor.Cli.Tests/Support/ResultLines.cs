using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BetExecutor.Cli.Tests.Support;

/// <summary>
/// Compares result lines (one JSON object per line) by value, field by field, so formatting and field order do not
/// matter. Instants compare as instants (<c>Z</c> equals <c>+00:00</c>), numbers as numbers.
/// </summary>
public static partial class ResultLines
{
    public static IReadOnlyList<JsonElement> Parse(string text, string source)
    {
        var lines = new List<JsonElement>();
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                    throw new JsonException("not a JSON object");
                lines.Add(document.RootElement.Clone());
            }
            catch (JsonException e)
            {
                throw new Xunit.Sdk.XunitException($"{source} line {number} is not a JSON object ({e.Message}): {line.TrimEnd()}");
            }
        }
        return lines;
    }

    /// <summary>Every difference between the expected and the actual lines; empty when they agree.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<JsonElement> expected, IReadOnlyList<JsonElement> actual)
    {
        var differences = new List<string>();
        if (expected.Count != actual.Count)
            differences.Add($"expected {expected.Count} result lines, got {actual.Count}");
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            var label = $"line {i + 1} ({Describe(expected[i])})";
            Compare(expected[i], actual[i], label, differences);
        }
        for (var i = expected.Count; i < actual.Count; i++)
            differences.Add($"unexpected line {i + 1}: {actual[i].GetRawText()}");
        for (var i = actual.Count; i < expected.Count; i++)
            differences.Add($"missing line {i + 1}: {expected[i].GetRawText()}");
        return differences;
    }

    private static string Describe(JsonElement line) =>
        line.ValueKind == JsonValueKind.Object && line.TryGetProperty("signalId", out var id) && line.TryGetProperty("identity", out var identity)
            ? $"{id} on {identity}"
            : "?";

    private static void Compare(JsonElement expected, JsonElement actual, string path, List<string> differences)
    {
        if (expected.ValueKind != actual.ValueKind && !(IsBoolean(expected) && IsBoolean(actual)))
        {
            differences.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
            return;
        }
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                foreach (var property in expected.EnumerateObject())
                {
                    if (actual.TryGetProperty(property.Name, out var value))
                        Compare(property.Value, value, $"{path}.{property.Name}", differences);
                    else
                        differences.Add($"{path}.{property.Name}: expected {property.Value.GetRawText()}, but the field is missing");
                }
                foreach (var property in actual.EnumerateObject().Where(p => !expectedNames.Contains(p.Name)))
                    differences.Add($"{path}.{property.Name}: not expected, got {property.Value.GetRawText()}");
                break;
            case JsonValueKind.Array:
                var expectedItems = expected.EnumerateArray().ToArray();
                var actualItems = actual.EnumerateArray().ToArray();
                if (expectedItems.Length != actualItems.Length)
                    differences.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                else
                    for (var i = 0; i < expectedItems.Length; i++) Compare(expectedItems[i], actualItems[i], $"{path}[{i}]", differences);
                break;
            case JsonValueKind.String:
                if (!SameText(expected.GetString()!, actual.GetString()!))
                    differences.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                break;
            case JsonValueKind.Number:
                if (expected.GetDecimal() != actual.GetDecimal())
                    differences.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                break;
            case JsonValueKind.True:
            case JsonValueKind.False:
                if (expected.GetBoolean() != actual.GetBoolean())
                    differences.Add($"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}");
                break;
        }
    }

    private static bool IsBoolean(JsonElement e) => e.ValueKind is JsonValueKind.True or JsonValueKind.False;

    private static bool SameText(string expected, string actual)
    {
        if (string.Equals(expected, actual, StringComparison.Ordinal)) return true;
        return Instant().IsMatch(expected) && Instant().IsMatch(actual)
            && DateTimeOffset.TryParse(expected, CultureInfo.InvariantCulture, DateTimeStyles.None, out var e)
            && DateTimeOffset.TryParse(actual, CultureInfo.InvariantCulture, DateTimeStyles.None, out var a)
            && e == a;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Instant();
}
