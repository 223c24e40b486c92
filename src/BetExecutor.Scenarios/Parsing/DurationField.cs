using BetExecutor.Ingress.Json;

namespace BetExecutor.Scenarios.Parsing;

/// <summary>Durations are a scenario file's own notation (<see cref="DurationText"/>), read on top of the shared strict reader.</summary>
internal static class DurationField
{
    public static TimeSpan? Duration(this JsonObjectReader fields, string name, Need need)
    {
        if (fields.String(name, need) is not { } text) return null;
        if (DurationText.TryParse(text, out var duration, out var error)) return duration;
        fields.Errors.Add(fields.PathOf(name), error!);
        return null;
    }
}
