using Akka.Actor;
using Akka.Persistence;
using Akka.Serialization;

namespace BetExecutor.Persistence.Redis.Journal;

/// <summary>
/// Turns an event into bytes and back through Akka's serialization system: the serializer Akka
/// binds to <see cref="Persistent"/> (its protobuf persistence serializer) keeps persistence id,
/// sequence number, writer guid, manifest and timestamp, and serialises the payload with whatever
/// serializer the payload's type is bound to (the project binds its events to System.Text.Json).
/// </summary>
internal sealed class PersistentCodec(ActorSystem system)
{
    private readonly Serializer _serializer = system.Serialization.FindSerializerForType(typeof(Persistent));

    /// <summary>Throws when the payload cannot be serialised; the caller turns that into a rejection.</summary>
    public byte[] ToBytes(IPersistentRepresentation persistent) => _serializer.ToBinary(persistent);

    public IPersistentRepresentation FromBytes(byte[] bytes) => (IPersistentRepresentation)_serializer.FromBinary(bytes, typeof(Persistent));
}
