using System.Text;
using System.Text.Json;
using BetExecutor.Domain.Validation;

namespace BetExecutor.Ingress.Json;

/// <summary>
/// Parses text as strict JSON (no comments, no trailing commas: System.Text.Json's defaults) into a document the
/// readers walk. Malformed text is one error on the whole document, with the place restated one-based as editors
/// count; it never throws.
/// </summary>
public static class StrictDocument
{
    public static bool TryParse(string json, out JsonDocument? document, out byte[] utf8, out FieldError? error)
    {
        // A byte-order mark is how some editors save a file, not part of the JSON; the JSON reader would refuse it.
        utf8 = Encoding.UTF8.GetBytes(json.TrimStart('\uFEFF'));
        try
        {
            document = JsonDocument.Parse(utf8);
            error = null;
            return true;
        }
        catch (JsonException e)
        {
            document = null;
            error = Malformed(e);
            return false;
        }
    }

    private static FieldError Malformed(JsonException e)
    {
        // The exception's own message ends with a zero-based "LineNumber: .. | BytePositionInLine: .." and a path;
        // the reason before it is kept and the place restated one-based.
        var reason = e.Message;
        var cut = reason.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0) cut = reason.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        if (cut >= 0) reason = reason[..cut];
        var line = (e.LineNumber ?? 0) + 1;
        var position = (e.BytePositionInLine ?? 0) + 1;
        return new FieldError(FieldPath.Document, $"is not valid JSON at line {line}, position {position}: {reason.TrimEnd()}");
    }
}
