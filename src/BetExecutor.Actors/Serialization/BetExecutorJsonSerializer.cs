using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Akka.Actor;
using Akka.Serialization;

namespace BetExecutor.Actors.Serialization;

/// <summary>
/// Serialises the executor's events, snapshots and remote messages as JSON (System.Text.Json) under the versioned
/// manifests of <see cref="Manifests"/>. Nothing persistent goes through Akka's default serializer.
/// </summary>
public sealed class BetExecutorJsonSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int Id = 4711;

    public static readonly JsonSerializerOptions Options = CreateOptions();

    public override int Identifier => Id;

    public override string Manifest(object o) => Manifests.Of(o.GetType());

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest) =>
        JsonSerializer.Deserialize(bytes, Manifests.TypeOf(manifest), Options)
        ?? throw new System.Runtime.Serialization.SerializationException($"'{manifest}' deserialised to null");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { StableCodes.DescribeClosedHierarchies, StableCodes.OmitAbsentOptionalFields, PairSnapshotFormat.DescribePhases, PairSnapshotFormat.OmitDerivedProperties } },
        };
        // Every enum is written as its stable code, never its C# name (a rename must not change what is stored).
        foreach (var converter in StableCodes.Converters) options.Converters.Add(converter);
        options.Converters.Add(new IdentityJsonConverter());
        options.MakeReadOnly();
        return options;
    }
}
