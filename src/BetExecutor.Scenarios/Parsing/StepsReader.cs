using System.Text.Json;
using BetExecutor.Ingress.Json;
using BetExecutor.Ingress.Signals;

namespace BetExecutor.Scenarios.Parsing;

/// <summary>
/// Reads <c>steps</c> in file order. Holds what later steps are checked against: the previous step's time
/// (times never go back) and the signal ids sent so far (an exposure can only be resolved for a signal that
/// was sent before).
/// </summary>
internal sealed class StepsReader(ScenarioParseOptions options, DateTimeOffset start, bool startKnown, ErrorSink errors)
{
    private static readonly string[] Kinds = ["signal", "halt", "resume", "resolveExposure", "restart"];
    private static readonly string[] StepFields = ["at", "venue", .. Kinds];
    private static readonly string KindChoices = string.Join(", ", Kinds);

    private TimeSpan _previousAt = TimeSpan.Zero;
    private readonly HashSet<string> _signalIdsSoFar = new(StringComparer.Ordinal);

    public IReadOnlyList<ScenarioStep> Read(JsonObjectReader root)
    {
        if (!root.TryGet("steps", out var array))
        {
            errors.Add(root.PathOf("steps"), "is required");
            return [];
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add(root.PathOf("steps"), $"must be an array of steps, not {JsonObjectReader.Describe(array)}");
            return [];
        }
        if (array.GetArrayLength() == 0)
        {
            errors.Add(root.PathOf("steps"), "must hold at least one step");
            return [];
        }

        var steps = new List<ScenarioStep>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (ReadStep(element, FieldPath.Item(root.PathOf("steps"), index++)) is { } step) steps.Add(step);
        }
        return steps;
    }

    private ScenarioStep? ReadStep(JsonElement element, string path)
    {
        var step = JsonObjectReader.Open(element, path, errors, StepFields);
        if (step is null) return null;

        var at = ReadAt(step);
        var kinds = Kinds.Where(step.Has).ToList();
        if (kinds.Count == 0)
            errors.Add(path, $"has no step kind; give exactly one of {KindChoices}");
        else if (kinds.Count > 1)
            errors.Add(path, $"has {string.Join(" and ", kinds)}; a step does one thing, so give exactly one of {KindChoices}");
        if (step.Has("venue") && !kinds.Contains("signal"))
            errors.Add(step.PathOf("venue"), "is only valid on a signal step");

        // Every kind present is read, even when there are too many, so their own mistakes show in the same pass.
        var read = kinds.Select(kind => ReadKind(kind, step, at ?? TimeSpan.Zero)).ToList();
        return at is not null && kinds.Count == 1 ? read[0] : null;
    }

    private TimeSpan? ReadAt(JsonObjectReader step)
    {
        var at = step.Duration("at", Need.Required);
        if (at is not { } offset) return null;

        if (offset > DateTimeOffset.MaxValue - start)
        {
            errors.Add(step.PathOf("at"), $"'{DurationText.Format(offset)}' after the start is past the last instant a clock can show");
            return null;
        }
        if (offset < _previousAt)
        {
            errors.Add(step.PathOf("at"),
                $"is {DurationText.Format(offset)}, earlier than the step before it ({DurationText.Format(_previousAt)}); steps run in file order, so at must never decrease");
            return null;
        }
        _previousAt = offset;
        return offset;
    }

    private ScenarioStep? ReadKind(string kind, JsonObjectReader step, TimeSpan at) => kind switch
    {
        "signal" => ReadSignal(step, at),
        "halt" => IdentityJson.Read(step, "halt") is { } identity ? new HaltStep(at, identity) : null,
        "resume" => IdentityJson.Read(step, "resume") is { } identity ? new ResumeStep(at, identity) : null,
        "resolveExposure" => ReadResolveExposure(step, at),
        "restart" => ReadRestart(step, at),
        _ => throw new InvalidOperationException($"Step kind '{kind}' has no reader."),
    };

    private SignalStep? ReadSignal(JsonObjectReader step, TimeSpan at)
    {
        // Remember the id even when the rest of the signal is wrong, so a later resolveExposure of it is not a second error.
        if (step.TryGet("signal", out var raw) && raw.ValueKind == JsonValueKind.Object
            && raw.TryGetProperty("signalId", out var id) && id.ValueKind == JsonValueKind.String)
            _signalIdsSoFar.Add(id.GetString()!);

        // A signal is judged at the virtual instant its step runs: its kick-off and expiry must be near it.
        var signal = SignalJson.Read(step, "signal", startKnown ? start + at : null);
        var (positive, hedge) = VenueReader.Read(step);
        return signal is null ? null : new SignalStep(at, signal, positive, hedge);
    }

    private ResolveExposureStep? ReadResolveExposure(JsonObjectReader step, TimeSpan at)
    {
        var fields = step.Object("resolveExposure", Need.Required, "signalId", "reason");
        if (fields is null) return null;

        var signalId = NonEmpty(fields, "signalId");
        var reason = NonEmpty(fields, "reason");
        if (signalId is not null && !_signalIdsSoFar.Contains(signalId))
        {
            errors.Add(fields.PathOf("signalId"), $"'{signalId}' is not the id of a signal sent in an earlier step");
            return null;
        }
        return signalId is not null && reason is not null ? new ResolveExposureStep(at, signalId, reason) : null;
    }

    private static string? NonEmpty(JsonObjectReader fields, string name)
    {
        var text = fields.String(name, Need.Required);
        if (text is null || !string.IsNullOrWhiteSpace(text)) return text;
        fields.Errors.Add(fields.PathOf(name), "must not be empty");
        return null;
    }

    private RestartStep? ReadRestart(JsonObjectReader step, TimeSpan at)
    {
        step.TryGet("restart", out var value);
        var ok = true;
        if (value.ValueKind != JsonValueKind.True)
        {
            errors.Add(step.PathOf("restart"), $"must be true, not {JsonObjectReader.Describe(value)}");
            ok = false;
        }
        if (!options.AllowRestart)
        {
            errors.Add(step.PathOf("restart"),
                "needs a run with Redis (--redis): without a persistent journal a restarted node remembers nothing, so the step would test nothing");
            ok = false;
        }
        return ok ? new RestartStep(at) : null;
    }
}
