using System.Text.Json;
using BetExecutor.Domain.Validation;

namespace BetExecutor.Ingress.Json;

/// <summary>
/// Puts errors in the order their fields appear in the file. Errors are found by walking the parsed document
/// and by domain rules with their own order, so they are sorted afterwards by where each field's text starts.
/// </summary>
public static class DocumentPositions
{
    private readonly record struct Span(long Start, long End);

    public static IReadOnlyList<FieldError> Sort(IReadOnlyList<FieldError> errors, byte[] utf8)
    {
        var spans = Map(utf8);
        // OrderBy is stable: errors on the same field keep the order they were found in.
        return errors.OrderBy(e => PositionOf(e.Field, spans)).ToList();
    }

    private static long PositionOf(string field, Dictionary<string, Span> spans)
    {
        if (spans.TryGetValue(field, out var span)) return span.Start;
        // A missing field has no text of its own: it is placed where its object closes, after everything written in it.
        for (var parent = FieldPath.Parent(field); ; parent = FieldPath.Parent(parent))
        {
            if (spans.TryGetValue(parent, out var enclosing)) return enclosing.End;
            if (parent.Length == 0) return long.MaxValue;
        }
    }

    private sealed class Container(string path, bool isArray)
    {
        public string Path { get; } = path;
        public bool IsArray { get; } = isArray;
        public int NextIndex { get; set; }
        public string PropertyPath { get; set; } = "";
        public long PropertyStart { get; set; }
    }

    /// <summary>
    /// Every value's path with its byte span; a property's span starts at its name, where an error about it
    /// points. Only the first of two same-named properties is kept, as the reader keeps only the first.
    /// </summary>
    private static Dictionary<string, Span> Map(byte[] utf8)
    {
        var spans = new Dictionary<string, Span>(StringComparer.Ordinal);
        var open = new Stack<Container>();
        var reader = new Utf8JsonReader(utf8);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var owner = open.Peek();
                    owner.PropertyPath = FieldPath.Of(owner.Path, reader.GetString()!);
                    owner.PropertyStart = reader.TokenStartIndex;
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var (path, start) = NextValue(open, reader.TokenStartIndex);
                    spans.TryAdd(path, new Span(start, long.MaxValue));
                    open.Push(new Container(path, reader.TokenType == JsonTokenType.StartArray));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    var closed = open.Pop();
                    // A span that already has an end belongs to an earlier same-named property; keep it.
                    if (spans[closed.Path].End == long.MaxValue)
                        spans[closed.Path] = spans[closed.Path] with { End = reader.BytesConsumed };
                    break;
                default:
                    var (valuePath, valueStart) = NextValue(open, reader.TokenStartIndex);
                    spans.TryAdd(valuePath, new Span(valueStart, reader.BytesConsumed));
                    break;
            }
        }
        return spans;
    }

    private static (string Path, long Start) NextValue(Stack<Container> open, long tokenStart)
    {
        if (open.Count == 0) return ("", tokenStart);
        var container = open.Peek();
        return container.IsArray
            ? (FieldPath.Item(container.Path, container.NextIndex++), tokenStart)
            : (container.PropertyPath, container.PropertyStart);
    }
}
