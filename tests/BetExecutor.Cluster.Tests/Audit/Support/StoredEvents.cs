using System.Text;
using System.Text.Json;
using BetExecutor.Domain.Identities;

namespace BetExecutor.Cluster.Tests.Audit.Support;

/// <summary>One event as the cluster stored it in Redis: its sequence number, manifest (e.g. <c>account.exposure-opened.v1</c>) and JSON payload.</summary>
public sealed record StoredEvent(long SequenceNr, string Manifest, JsonElement Payload)
{
    /// <summary>The string at a dotted path of the payload (<c>meta.node</c>), or null.</summary>
    public string? Text(string path) => At(path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public DateTimeOffset Instant(string path) =>
        DateTimeOffset.Parse(Text(path) ?? throw new InvalidOperationException($"{Manifest} #{SequenceNr}: no instant at {path}"), System.Globalization.CultureInfo.InvariantCulture);

    public JsonElement? At(string path)
    {
        var element = Payload;
        foreach (var part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element)) return null;
        }
        return element;
    }

    public override string ToString() => $"#{SequenceNr} {Manifest} {Payload.GetRawText()}";
}

/// <summary>
/// Reads the events the cluster's nodes appended to the shared Redis: the journal every node recovers from, so
/// what is here is what any node taking an identity over sees. Key layout: src/BetExecutor.Persistence.Redis/README.md
/// (a sorted set per persistence id, member = Akka's Persistent message, payload = the event's versioned JSON).
/// </summary>
public sealed class ClusterJournal(int port, string password)
{
    /// <summary>The node's key prefix (NodeOptions.ProductionKeyPrefix): the launcher sets no other.</summary>
    public const string KeyPrefix = "betexecutor:";

    public Task<IReadOnlyList<StoredEvent>> AccountAsync(Identity identity) => ReadAsync($"account/{identity.Key}");

    public Task<IReadOnlyList<StoredEvent>> PairAsync(Identity identity, string pairId) => ReadAsync($"pair/{identity.Key}/{pairId}");

    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string persistenceId)
    {
        await using var redis = await RespConnection.OpenAsync(port, password);
        var members = (object?[])(await redis.CallAsync("ZRANGE", $"{KeyPrefix}journal:persisted:{HashTag(persistenceId)}", "0", "-1")
            ?? throw new InvalidOperationException("ZRANGE answered nothing"));
        return members.Select(m => Decode((byte[])m!)).OrderBy(e => e.SequenceNr).ToList();
    }

    /// <summary>As RedisKeys.HashTag: the id in braces, with '%', '{' and '}' percent-encoded.</summary>
    private static string HashTag(string persistenceId) =>
        "{" + persistenceId.Replace("%", "%25").Replace("{", "%7B").Replace("}", "%7D") + "}";

    private static StoredEvent Decode(byte[] member)
    {
        var message = Protobuf.Fields(member);
        var payload = Protobuf.Fields(message.Single(f => f.Number == 1).Bytes!); // PersistentMessage.payload
        var bytes = payload.Single(f => f.Number == 2).Bytes!;                    // PersistentPayload.payload
        var manifest = Encoding.UTF8.GetString(payload.Single(f => f.Number == 3).Bytes!); // PersistentPayload.payloadManifest
        var sequenceNr = message.SingleOrDefault(f => f.Number == 2)?.Varint ?? 0;         // PersistentMessage.sequenceNr
        using var json = JsonDocument.Parse(bytes);
        return new StoredEvent((long)sequenceNr, manifest, json.RootElement.Clone());
    }
}

/// <summary>
/// Just enough of the protobuf wire format to walk Akka's <c>PersistentMessage</c> (Akka.Persistence's Persistence.proto:
/// payload = 1, sequenceNr = 2; <c>PersistentPayload</c>: serializerId = 1, payload = 2, payloadManifest = 3).
/// </summary>
internal static class Protobuf
{
    public sealed record Field(int Number, ulong? Varint, byte[]? Bytes);

    public static List<Field> Fields(byte[] message)
    {
        var fields = new List<Field>();
        var at = 0;
        while (at < message.Length)
        {
            var key = ReadVarint(message, ref at);
            var number = (int)(key >> 3);
            switch ((int)(key & 7))
            {
                case 0:
                    fields.Add(new Field(number, ReadVarint(message, ref at), null));
                    break;
                case 1:
                    at += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref at);
                    fields.Add(new Field(number, null, message[at..(at + length)]));
                    at += length;
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    throw new InvalidOperationException($"protobuf: wire type {key & 7} of field {number} is not expected in a stored event");
            }
        }
        return fields;
    }

    private static ulong ReadVarint(byte[] message, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
    }
}
