using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Serialization;

/// <summary>
/// The stored spelling of every enum and closed hierarchy that is persisted or sent: each value's stable code, the
/// same one logs, the CLI and tests show. A C# rename changes nothing stored; a value without a code cannot be
/// written (SerializerSpecs checks that every enum reachable from a manifested type is listed here).
/// </summary>
public static class StableCodes
{
    public static IReadOnlyList<JsonConverter> Converters { get; } =
    [
        new StableCodeConverter<ExposureReason>(r => r.Code()),
        new StableCodeConverter<DenialReason>(r => r.Code()),
        new StableCodeConverter<SettlementState>(s => s.Code()),
        new StableCodeConverter<NothingStandsReason>(r => r.Code()),
        new StableCodeConverter<AbandonReason>(r => r.Code()),
        new StableCodeConverter<PairStanding>(s => s.Code()),
        new StableCodeConverter<SignalAnswerKind>(k => k.Code()),
        // Not stored by itself (a phase says it); listed so that a status written anywhere has its one spelling.
        new StableCodeConverter<PairStatus>(s => s.Code()),
    ];

    public static IReadOnlyCollection<Type> EnumTypes { get; } =
        Converters.Select(c => c.Type!).ToArray();

    /// <summary>
    /// Optional fields added to a stored type after its first version: written only when set (not null, not false), so an event or message
    /// without one is stored exactly as before the field existed (and the fixture's older lines stay as they were).
    /// </summary>
    private static readonly (Type Type, string Property)[] OmittedWhenAbsent =
    [
        (typeof(SignalAccepted), nameof(SignalAccepted.SubmittedBy)),
        (typeof(SignalDenied), nameof(SignalDenied.SubmittedBy)),
        (typeof(ExecuteSignal), nameof(ExecuteSignal.SubmittedBy)),
        (typeof(AccountSnapshot), nameof(AccountSnapshot.OpenItemsFrom)),
        (typeof(PairSnapshot), nameof(PairSnapshot.ExposureResolvedAt)),
        (typeof(SignalAccepted), nameof(SignalAccepted.ReferencePerAcceptance)),
        (typeof(PairInFlight), nameof(PairInFlight.ReferencePerAcceptance)),
    ];

    public static void OmitAbsentOptionalFields(JsonTypeInfo info)
    {
        foreach (var property in info.Properties)
        {
            var clrName = property.AttributeProvider is System.Reflection.MemberInfo member ? member.Name : null;
            if (OmittedWhenAbsent.Contains((info.Type, clrName!)))
                property.ShouldSerialize = (_, value) => value is not (null or false);
        }
    }

    /// <summary>The closed outcome is stored with its case's code as the discriminator: <c>{"kind": "exposure", ...}</c>.</summary>
    public static void DescribeClosedHierarchies(JsonTypeInfo info)
    {
        if (info.Type != typeof(PairOutcome)) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "kind",
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            IgnoreUnrecognizedTypeDiscriminators = false,
            DerivedTypes =
            {
                new JsonDerivedType(typeof(PairOutcome.Settled), PairOutcome.Settled.StableCode),
                new JsonDerivedType(typeof(PairOutcome.NothingStands), PairOutcome.NothingStands.StableCode),
                new JsonDerivedType(typeof(PairOutcome.Exposed), PairOutcome.Exposed.StableCode),
            },
        };
    }
}

/// <summary>Writes an enum as its stable code and reads only a known code back; anything else names the type and the codes it knows.</summary>
public sealed class StableCodeConverter<TEnum> : JsonConverter<TEnum> where TEnum : struct, Enum
{
    private readonly Dictionary<TEnum, string> _codes;
    private readonly Dictionary<string, TEnum> _values;

    public StableCodeConverter(Func<TEnum, string> code)
    {
        _codes = Enum.GetValues<TEnum>().ToDictionary(v => v, code);
        _values = new Dictionary<string, TEnum>(StringComparer.Ordinal);
        foreach (var (value, text) in _codes)
            if (!_values.TryAdd(text, value))
                throw new ArgumentException($"{typeof(TEnum).Name}: {value} and {_values[text]} share the code '{text}'");
    }

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"a {typeof(TEnum).Name} must be one of its codes as a string ({string.Join(", ", _values.Keys)})");
        var text = reader.GetString()!;
        return _values.TryGetValue(text, out var value)
            ? value
            : throw new JsonException($"'{text}' is not a {typeof(TEnum).Name} code (one of {string.Join(", ", _values.Keys)})");
    }

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(_codes.TryGetValue(value, out var text)
            ? text
            : throw new JsonException($"{typeof(TEnum).Name}.{value} has no stable code"));
}
