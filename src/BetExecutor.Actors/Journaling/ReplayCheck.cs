using System.Text.Json;
using BetExecutor.Actors.Serialization;

namespace BetExecutor.Actors.Journaling;

/// <summary>
/// Proves, before an event is persisted, that recovery will be able to replay it: the event is written and read
/// back exactly as the journal does (<see cref="BetExecutorJsonSerializer"/> under its manifest), and the copy read
/// back is applied to the state it will follow. An event that fails either step would fail every recovery of its
/// entity from then on; it is refused instead, before anything is stored or sent.
/// </summary>
public static class ReplayCheck
{
    /// <summary>Why <paramref name="events"/> (in order, after <paramref name="state"/>) could not be replayed; null when they can.</summary>
    public static string? Problem<TState, TEvent>(TState state, IEnumerable<TEvent> events, Func<TState, TEvent, TState> apply)
        where TEvent : notnull
    {
        foreach (var e in events)
        {
            var type = e.GetType();
            TEvent readBack;
            try
            {
                var bytes = JsonSerializer.SerializeToUtf8Bytes(e, type, BetExecutorJsonSerializer.Options);
                readBack = (TEvent)(JsonSerializer.Deserialize(bytes, Manifests.TypeOf(Manifests.Of(type)), BetExecutorJsonSerializer.Options)
                    ?? throw new JsonException("read back as null"));
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException or InvalidOperationException or FormatException or OverflowException)
            {
                return $"{type.Name} cannot be stored and read back: {ex.GetBaseException().Message}";
            }
            try
            {
                state = apply(state, readBack);
            }
            catch (Exception ex)
            {
                return $"{type.Name} read back cannot be applied to the state it follows: {ex.GetBaseException().Message}";
            }
        }
        return null;
    }
}

/// <summary>An entity refused to persist an event its recovery could not replay; it restarts from what is stored.</summary>
public sealed class UnreplayableEventException(string persistenceId, string problem)
    : Exception($"{persistenceId}: refused to persist an event recovery could not replay: {problem}");
