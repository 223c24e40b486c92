using System.Text.Json;
using BetExecutor.Domain.Validation;
using BetExecutor.Ingress.Json;
using BetExecutor.Ingress.Signals;

namespace BetExecutor.Ingress.Feed;

/// <summary>
/// Reads one line of the node's command feed: a JSON object with exactly one of
/// <list type="bullet">
/// <item><c>{"execute": signal}</c>: the signal in the shape of <see cref="SignalJson"/> (the gateway's body too);</item>
/// <item><c>{"status": {"provider", "whitelabel", "account"}}</c>: the identity whose account state is asked.</item>
/// </list>
/// Everything is read by the same strict readers as scenario files: a key written twice, an unknown or missing
/// field, a value out of bounds is refused, naming the field by its path in the line. Never throws on bad input.
/// </summary>
public static class FeedLine
{
    /// <summary>Longest line read: a real signal is well under a kilobyte; a 10 MB one is refused unread.</summary>
    public const int MaxLength = 64 * 1024;

    private static readonly string[] Kinds = ["execute", "status"];

    /// <param name="now">The instant the line is judged at (kick-off and expiry windows); the reader reads no clock.</param>
    public static FeedCommand Parse(string line, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length > MaxLength)
            return new FeedCommand.Invalid(null, [TooLong(line.Length)]);
        if (!StrictDocument.TryParse(line, out var document, out var utf8, out var malformed))
            return new FeedCommand.Invalid(null, [malformed!]);
        using (document)
        {
            var root = document!.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new FeedCommand.Invalid(null, [new FieldError(FieldPath.Document, $"must be an object holding one of execute, status; not {JsonObjectReader.Describe(root)}")]);

            var errors = new ErrorSink();
            var fields = JsonObjectReader.Open(root, "", errors, Kinds)!;
            var kinds = Kinds.Where(fields.Has).ToList();
            var signalId = fields.TryGet("execute", out var body) ? SignalJson.ReadableId(body) : null;
            if (kinds.Count != 1)
            {
                errors.Add(FieldPath.Document, kinds.Count == 0
                    ? "holds no command; give exactly one of execute, status"
                    : "holds both execute and status; a line is one command");
                return new FeedCommand.Invalid(signalId, DocumentPositions.Sort(errors.All, utf8));
            }

            if (kinds[0] == "execute")
            {
                var signal = SignalJson.Read(body, "execute", errors, now);
                if (signal is not null && errors.Count == 0) return new FeedCommand.Execute(signal);
            }
            else
            {
                var identity = ReadStatus(fields);
                if (identity is not null && errors.Count == 0) return new FeedCommand.Status(identity);
            }
            return new FeedCommand.Invalid(signalId, DocumentPositions.Sort(errors.All, utf8));
        }
    }

    /// <summary>The error a line over <see cref="MaxLength"/> gets; a reader that stops early reports it with the length it saw.</summary>
    public static FieldError TooLong(long length) =>
        new(FieldPath.Document, $"is {length} characters or more; a line may hold at most {MaxLength}");

    private static Domain.Identities.Identity? ReadStatus(JsonObjectReader root) =>
        root.Object("status", Need.Required, IdentityJson.Fields) is { } identity ? IdentityJson.Read(identity) : null;
}
