using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Scenarios.Parsing;

/// <summary>
/// Reads a signal step's <c>signal</c> in the same JSON shape the gateway takes, and checks it with
/// <see cref="SignalRules"/>, so a scenario can only send signals production would accept the shape of.
/// </summary>
internal static class SignalReader
{
    // Stand-ins for identities the file got wrong, so SignalRules can still check the rest of the signal in the
    // same pass. They differ from each other so the "hedge is the positive identity" rule cannot fire on them.
    private static readonly Identity PositiveStandIn = Identity.Create("invalid", "invalid", "positive");
    private static readonly Identity HedgeStandIn = Identity.Create("invalid", "invalid", "hedge");

    public static Signal? Read(JsonObjectReader step)
    {
        var fields = step.Object("signal", Need.Required,
            "signalId", "identity", "event", "positive", "hedge", "expiresAt", "inPlay");
        if (fields is null) return null;

        var before = step.Errors.Count;
        var signalId = fields.String("signalId", Need.Required);
        var identity = IdentityReader.Read(fields, "identity");
        var sportEvent = ReadEvent(fields);
        var positive = ReadPositive(fields);
        var (hedge, hedgeIdentity) = ReadHedge(fields);
        var expiresAt = fields.Instant("expiresAt", Need.Optional);
        var inPlay = fields.Bool("inPlay");

        // Fields the file got wrong are left empty or zero here; ErrorSink drops the rule errors they cause.
        var signal = new Signal(
            signalId ?? "",
            identity ?? PositiveStandIn,
            sportEvent,
            positive,
            hedge,
            expiresAt,
            inPlay ?? false);
        var ruleErrors = SignalRules.Validate(signal);
        if (identity is null || hedgeIdentity is null)
            ruleErrors = ruleErrors.Where(e => e.Field != "hedge.identity").ToList();
        step.Errors.AddUnder(fields.Path, ruleErrors);

        return step.Errors.Count == before ? signal : null;
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
        var identity = fields is null ? null : IdentityReader.Read(fields, "identity");
        var spec = new HedgeLegSpec(
            identity ?? HedgeStandIn,
            fields?.String("market", Need.Required) ?? "",
            fields?.String("selection", Need.Required) ?? "",
            fields?.Decimal("odds", Need.Required) ?? 0m,
            fields?.Decimal("minOdds", Need.Required) ?? 0m);
        return (spec, identity);
    }
}
