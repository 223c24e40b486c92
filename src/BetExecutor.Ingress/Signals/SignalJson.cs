using System.Text.Json;
using System.Text.Json.Nodes;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Signals;
using BetExecutor.Domain.Validation;
using BetExecutor.Ingress.Json;

namespace BetExecutor.Ingress.Signals;

/// <summary>
/// The one strict reader (and writer) of a signal, shared by every ingress: the node's stdin feed, the gateway's
/// <c>POST /signals</c> body and scenario files. The shape:
/// <code>
/// {"signalId", "identity": {"provider", "whitelabel", "account"}, "event": {"id", "startsAt"},
///  "positive": {"market", "selection", "odds", "stake", "currency"},
///  "hedge": {"identity": {...}, "market", "selection", "odds", "minOdds"},
///  "expiresAt"?, "inPlay"?}
/// </code>
/// A field written twice, a field it does not know (a misspelt <c>expiresAT</c>), a missing field and a value of
/// the wrong type are each an error naming the field's path; then <see cref="SignalRules"/> checks every bound.
/// Nothing is defaulted, coerced or silently dropped: a lenient reader once placed 5,000 for
/// <c>"stake": 50, "stake": 5000</c>.
/// </summary>
public static class SignalJson
{
    public static readonly string[] Fields = ["signalId", "identity", "event", "positive", "hedge", "expiresAt", "inPlay"];

    // Stand-ins for identities the input got wrong, so SignalRules can still check the rest of the signal in the
    // same pass. They differ from each other so the "hedge is the positive identity" rule cannot fire on them.
    private static readonly Identity PositiveStandIn = Identity.Create("invalid", "invalid", "positive");
    private static readonly Identity HedgeStandIn = Identity.Create("invalid", "invalid", "hedge");

    /// <summary>
    /// A whole text as one signal (the gateway's request body). <paramref name="now"/> is the instant the signal
    /// is judged at: its kick-off and expiry must be in a sane window around it.
    /// </summary>
    public static SignalParseResult Parse(string json, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!StrictDocument.TryParse(json, out var document, out var utf8, out var malformed))
            return new SignalParseResult.Invalid(null, [malformed!]);
        using (document)
        {
            var errors = new ErrorSink();
            var signal = Read(document!.RootElement, "", errors, now);
            return errors.Count > 0
                ? new SignalParseResult.Invalid(ReadableId(document.RootElement), DocumentPositions.Sort(errors.All, utf8))
                : new SignalParseResult.Parsed(signal!);
        }
    }

    /// <summary>The signal object <paramref name="element"/> at <paramref name="path"/> of a larger document; null (with its errors reported) when it is not one.</summary>
    public static Signal? Read(JsonElement element, string path, ErrorSink errors, DateTimeOffset now)
    {
        if (path.Length == 0 && element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(FieldPath.Document, $"must be a signal object, not {JsonObjectReader.Describe(element)}");
            return null;
        }
        var fields = JsonObjectReader.Open(element, path, errors, Fields);
        return fields is null ? null : Read(fields, now);
    }

    /// <summary>Field <paramref name="name"/> of <paramref name="owner"/> as a signal (a scenario step's <c>signal</c>).</summary>
    /// <param name="now">
    /// The instant the signal is judged at; null when the document's own clock is wrong (a scenario's unreadable
    /// <c>start</c>): the document is refused for that already, and no kick-off or expiry is judged against a guess.
    /// </param>
    public static Signal? Read(JsonObjectReader owner, string name, DateTimeOffset? now)
    {
        var fields = owner.Object(name, Need.Required, Fields);
        return fields is null ? null : Read(fields, now);
    }

    private static Signal? Read(JsonObjectReader fields, DateTimeOffset? now)
    {
        var before = fields.Errors.Count;
        var signalId = fields.String("signalId", Need.Required);
        var identity = IdentityJson.Read(fields, "identity");
        var sportEvent = ReadEvent(fields);
        var positive = ReadPositive(fields);
        var (hedge, hedgeIdentity) = ReadHedge(fields);
        var expiresAt = fields.Instant("expiresAt", Need.Optional);
        var inPlay = fields.Bool("inPlay");

        // Fields the input got wrong are left empty or zero here; ErrorSink drops the rule errors they cause.
        var signal = new Signal(
            signalId ?? "",
            identity ?? PositiveStandIn,
            sportEvent,
            positive,
            hedge,
            expiresAt,
            inPlay ?? false);
        var ruleErrors = SignalRules.Validate(signal, now ?? default);
        if (now is null) ruleErrors = ruleErrors.Where(e => e.Field is not ("event.startsAt" or "expiresAt")).ToList();
        if (identity is null || hedgeIdentity is null)
            ruleErrors = ruleErrors.Where(e => e.Field != "hedge.identity").ToList();
        fields.Errors.AddUnder(fields.Path, ruleErrors);

        return fields.Errors.Count == before ? signal : null;
    }

    /// <summary>
    /// The id of the signal object <paramref name="element"/>, when it has exactly one <c>signalId</c> and that id
    /// is valid: an error answer carries it so the sender can match the answer to the signal. An id written twice,
    /// or one that breaks the id rules, is not repeated back.
    /// </summary>
    public static string? ReadableId(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        string? id = null;
        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Name != "signalId") continue;
            count++;
            id = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString() : null;
        }
        if (count != 1 || id is null) return null;
        var errors = new List<FieldError>();
        TextRules.CheckId("signalId", id, errors);
        return errors.Count == 0 ? id : null;
    }

    /// <summary>The signal in the shape <see cref="Read(JsonElement, string, ErrorSink, DateTimeOffset)"/> takes; reading it back gives the same signal.</summary>
    public static JsonObject Write(Signal signal)
    {
        var json = new JsonObject
        {
            ["signalId"] = signal.SignalId,
            ["identity"] = IdentityJson.Write(signal.Identity),
            ["event"] = new JsonObject { ["id"] = signal.Event.Id, ["startsAt"] = InstantText.Format(signal.Event.StartsAt) },
            ["positive"] = new JsonObject
            {
                ["market"] = signal.Positive.Market,
                ["selection"] = signal.Positive.Selection,
                ["odds"] = signal.Positive.Odds,
                ["stake"] = signal.Positive.Stake,
                ["currency"] = signal.Positive.Currency,
            },
            ["hedge"] = new JsonObject
            {
                ["identity"] = IdentityJson.Write(signal.Hedge.Identity),
                ["market"] = signal.Hedge.Market,
                ["selection"] = signal.Hedge.Selection,
                ["odds"] = signal.Hedge.Odds,
                ["minOdds"] = signal.Hedge.MinOdds,
            },
        };
        if (signal.ExpiresAt is { } expiresAt) json["expiresAt"] = InstantText.Format(expiresAt);
        if (signal.InPlay) json["inPlay"] = true;
        return json;
    }

    private static SportEvent ReadEvent(JsonObjectReader signal)
    {
        var fields = signal.Object("event", Need.Required, "id", "startsAt");
        return new SportEvent(
            fields?.String("id", Need.Required) ?? "",
            fields?.Instant("startsAt", Need.Required) ?? default);
    }

    private static PositiveLegSpec ReadPositive(JsonObjectReader signal)
    {
        var fields = signal.Object("positive", Need.Required, "market", "selection", "odds", "stake", "currency");
        return new PositiveLegSpec(
            fields?.String("market", Need.Required) ?? "",
            fields?.String("selection", Need.Required) ?? "",
            fields?.Decimal("odds", Need.Required) ?? 0m,
            fields?.Decimal("stake", Need.Required) ?? 0m,
            fields?.String("currency", Need.Required) ?? "");
    }

    private static (HedgeLegSpec Spec, Identity? Identity) ReadHedge(JsonObjectReader signal)
    {
        var fields = signal.Object("hedge", Need.Required, "identity", "market", "selection", "odds", "minOdds");
        var identity = fields is null ? null : IdentityJson.Read(fields, "identity");
        var spec = new HedgeLegSpec(
            identity ?? HedgeStandIn,
            fields?.String("market", Need.Required) ?? "",
            fields?.String("selection", Need.Required) ?? "",
            fields?.Decimal("odds", Need.Required) ?? 0m,
            fields?.Decimal("minOdds", Need.Required) ?? 0m);
        return (spec, identity);
    }
}
