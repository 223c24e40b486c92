using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace BetExecutor.Persistence.Redis.Tests.Infrastructure;

/// <summary>An event with its own serializer binding, to prove payloads go through Akka's serialization.</summary>
public sealed record StakeRecorded(string PairId, decimal Stake);

/// <summary>State stored as a snapshot through its own serializer binding.</summary>
public sealed record LedgerSnapshot(IReadOnlyList<string> Entries)
{
    public bool Equals(LedgerSnapshot? other) => other is not null && Entries.SequenceEqual(other.Entries);
    public override int GetHashCode() => Entries.Count;
}

/// <summary>
/// Snapshot state that names the first event it still holds open (retention keeps it and everything after), and may
/// say that nothing is ever written to its id again (<paramref name="Closed"/>: retention forgets the id once its events are gone).
/// </summary>
public sealed record HeldLedgerSnapshot(IReadOnlyList<string> Entries, long? KeepEventsFrom, bool Closed = false) : BetExecutor.Domain.Events.IRetentionHold
{
    bool BetExecutor.Domain.Events.IRetentionHold.IsClosed => Closed;

    public bool Equals(HeldLedgerSnapshot? other) => other is not null && Entries.SequenceEqual(other.Entries) && KeepEventsFrom == other.KeepEventsFrom && Closed == other.Closed;
    public override int GetHashCode() => Entries.Count;
}

/// <summary>A payload its bound serializer always refuses: the journal must reject it, not fail.</summary>
public sealed record CannotBeSerialised(string Reason);

/// <summary>
/// JSON with stable, versioned manifests (as the project's own event serializer does), plus a
/// deliberate refusal for <see cref="CannotBeSerialised"/>.
/// </summary>
public sealed class TestPayloadSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public override int Identifier => 94_117;

    public override string Manifest(object o) => o switch
    {
        StakeRecorded => "stake-recorded.v1",
        LedgerSnapshot => "ledger-snapshot.v1",
        HeldLedgerSnapshot => "held-ledger-snapshot.v1",
        CannotBeSerialised => "cannot-be-serialised.v1",
        _ => throw new ArgumentException($"Unexpected type {o.GetType()}"),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        CannotBeSerialised refused => throw new SerializationException($"refused on purpose: {refused.Reason}"),
        _ => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType()),
    };

    public override object FromBinary(byte[] bytes, string manifest) => manifest switch
    {
        "stake-recorded.v1" => JsonSerializer.Deserialize<StakeRecorded>(bytes)!,
        "ledger-snapshot.v1" => JsonSerializer.Deserialize<LedgerSnapshot>(bytes)!,
        "held-ledger-snapshot.v1" => JsonSerializer.Deserialize<HeldLedgerSnapshot>(bytes)!,
        _ => throw new SerializationException($"Unknown manifest {manifest}: {Encoding.UTF8.GetString(bytes)}"),
    };
}
