using Akka.Actor;
using Akka.Serialization;
using AkkaSnapshot = Akka.Persistence.Serialization.Snapshot;

namespace BetExecutor.Persistence.Redis.Snapshot;

/// <summary>
/// Serialises snapshot state through the serializer Akka binds to its <c>Snapshot</c> wrapper,
/// which records the state's own serializer id and manifest next to its bytes.
/// </summary>
internal sealed class SnapshotCodec(ActorSystem system)
{
    private readonly Serializer _serializer = system.Serialization.FindSerializerForType(typeof(AkkaSnapshot));

    public byte[] ToBytes(object state) => _serializer.ToBinary(new AkkaSnapshot(state));

    public object FromBytes(byte[] bytes) => ((AkkaSnapshot)_serializer.FromBinary(bytes, typeof(AkkaSnapshot))).Data;
}
