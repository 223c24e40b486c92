using System.Text;
using System.Text.Json;
using BetExecutor.Domain.Validation;
using BetExecutor.Scenarios.Parsing;

namespace BetExecutor.Scenarios;

/// <summary>
/// Reads a scenario file (the format: README.md in this project) into a <see cref="Scenario"/>, or
/// into every error it can find in one pass, each naming its field, in the order the fields appear in the file.
/// Bad input never throws.
/// </summary>
/// <remarks>
/// The document is walked element by element rather than deserialised into classes: a deserialiser would
/// silently ignore misspelt fields and coerce types, and a misspelt <c>"stkae"</c> in a file that drives
/// real-money settings must be an error, not a default.
/// </remarks>
public static class ScenarioParser
{
    public static ScenarioParseResult Parse(string json, ScenarioParseOptions options)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(options);

        // A byte-order mark is how some editors save the file, not part of the JSON; the JSON reader would refuse it.
        var utf8 = Encoding.UTF8.GetBytes(json.TrimStart('\uFEFF'));
        JsonDocument document;
        try
        {
            // Strict JSON: no comments, no trailing commas (both are the defaults).
            document = JsonDocument.Parse(utf8);
        }
        catch (JsonException e)
        {
            return new ScenarioParseResult.Invalid([Malformed(e)]);
        }

        using (document)
        {
            var errors = new ErrorSink();
            var scenario = Read(document.RootElement, options, errors);
            return errors.Count > 0
                ? new ScenarioParseResult.Invalid(DocumentPositions.Sort(errors.All, utf8))
                : new ScenarioParseResult.Parsed(scenario!);
        }
    }

    private static Scenario? Read(JsonElement rootElement, ScenarioParseOptions options, ErrorSink errors)
    {
        if (rootElement.ValueKind != JsonValueKind.Object)
        {
            errors.Add(FieldPath.Document, $"must be an object holding the scenario's steps, not {JsonObjectReader.Describe(rootElement)}");
            return null;
        }

        var root = JsonObjectReader.Open(rootElement, "", errors, "seed", "start", "settings", "steps")!;
        var seed = root.Int("seed", int.MinValue, int.MaxValue) ?? 0;
        var start = root.Instant("start", Need.Optional) ?? options.Clock.GetUtcNow();
        var settings = SettingsReader.Read(root);
        var steps = new StepsReader(options, start, errors).Read(root);
        return new Scenario(seed, start, settings, steps);
    }

    private static FieldError Malformed(JsonException e)
    {
        // The exception's own message ends with a zero-based "LineNumber: .. | BytePositionInLine: .." and a path;
        // the reason before it is kept and the place restated one-based, as editors count.
        var reason = e.Message;
        var cut = reason.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0) cut = reason.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        if (cut >= 0) reason = reason[..cut];
        var line = (e.LineNumber ?? 0) + 1;
        var position = (e.BytePositionInLine ?? 0) + 1;
        return new FieldError(FieldPath.Document, $"is not valid JSON at line {line}, position {position}: {reason.TrimEnd()}");
    }
}
