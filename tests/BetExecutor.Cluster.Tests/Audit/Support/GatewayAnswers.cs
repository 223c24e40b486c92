using System.Globalization;
using System.Text.Json;

namespace BetExecutor.Cluster.Tests.Audit.Support;

/// <summary>
/// What <c>POST /signals</c> answered: the status, and on 200 the decision with its stable codes; on 400 the fields
/// the error names. Status 0: no answer at all (refused, reset, the client's timeout).
/// </summary>
public sealed record PostAnswer(int Status, string Body, string? Decision, string? Reason, string? Detail,
    DateTimeOffset? CooldownUntil, string? FirstDecision, IReadOnlyList<string> ErrorFields)
{
    public static PostAnswer Read(int status, string body)
    {
        if (status is not (200 or 400)) return new PostAnswer(status, body, null, null, null, null, null, []);
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (status == 400)
        {
            var fields = root.GetProperty("error").GetProperty("errors").EnumerateArray()
                .Select(e => e.GetProperty("field").GetString() ?? "").ToList();
            return new PostAnswer(status, body, null, null, null, null, null, fields);
        }
        var first = root.TryGetProperty("first", out var f) && f.ValueKind == JsonValueKind.Object ? Json.Text(f, "decision") : null;
        return new PostAnswer(status, body, Json.Text(root, "decision"), Json.Text(root, "reason"), Json.Text(root, "detail"),
            Json.Instant(root, "cooldownUntil"), first, []);
    }

    public override string ToString() => Status == 200 ? $"200 {Decision} {Reason} ({Detail}) cooldown until {CooldownUntil:O}" : $"{Status} {Body}";
}

/// <summary><c>GET /signals/{provider}/{whitelabel}/{account}/{signalId}</c>: the first decision and where the pair stands.</summary>
public sealed record SignalReport(string Decision, string? Reason, string? Detail, DateTimeOffset DecidedAt,
    string? PairState, bool? Hedged, string? Outcome, string? ExposureReason)
{
    /// <summary>The pair is over, or never ran: nothing more is placed for it.</summary>
    public bool Final => PairState is not "in-flight";

    public static SignalReport Read(string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var pair = root.TryGetProperty("pair", out var p) && p.ValueKind == JsonValueKind.Object ? p : (JsonElement?)null;
        return new SignalReport(
            Json.Text(root, "decision") ?? throw new InvalidOperationException($"no decision in {body}"),
            Json.Text(root, "reason"),
            Json.Text(root, "detail"),
            Json.Instant(root, "decidedAt") ?? throw new InvalidOperationException($"no decidedAt in {body}"),
            pair is { } a ? Json.Text(a, "state") : null,
            pair is { } b && b.TryGetProperty("hedged", out var h) && h.ValueKind is JsonValueKind.True or JsonValueKind.False ? h.GetBoolean() : null,
            pair is { } c ? Json.Text(c, "outcome") : null,
            pair is { } d ? Json.Text(d, "exposureReason") : null);
    }

    public override string ToString() => $"{Decision} {Reason} pair {PairState ?? "-"} {Outcome} {ExposureReason}".TrimEnd();
}

internal static class Json
{
    public static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static DateTimeOffset? Instant(JsonElement element, string property) =>
        Text(element, property) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None) : null;
}
