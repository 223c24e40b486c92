using System.Text.Json;
using System.Text;
using BetExecutor.Domain.Validation;
using BetExecutor.Ingress.Json;
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

        if (!StrictDocument.TryParse(json, out var document, out var utf8, out var malformed))
            return new ScenarioParseResult.Invalid([malformed!]);

        using (document)
        {
            var errors = new ErrorSink();
            var scenario = Read(document!.RootElement, options, errors);
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
        var given = root.Instant("start", Need.Optional);
        var start = given ?? options.Clock.GetUtcNow();
        // A start written but unreadable is already an error; the signals' instants are not judged against a guess.
        var startKnown = given is not null || !root.Has("start");
        var settings = SettingsReader.Read(root);
        var steps = new StepsReader(options, start, startKnown, errors).Read(root);
        return new Scenario(seed, start, settings, steps);
    }
}
