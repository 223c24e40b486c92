using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BetExecutor.Persistence.Redis.Retention;

/// <summary>
/// One archived event: who wrote it, when, and the exact bytes Redis held (<see cref="Record"/>, Akka's serialised
/// <c>Persistent</c>), so it can be verified or loaded again; <see cref="Payload"/> is the payload as its own serializer
/// wrote it, as text when that is UTF-8 (the project's events are JSON), else base64.
/// </summary>
public sealed record ArchivedEvent(
    [property: JsonPropertyName("persistenceId")] string PersistenceId,
    [property: JsonPropertyName("sequenceNr")] long SequenceNr,
    [property: JsonPropertyName("writtenAt")] DateTime WrittenAt,
    [property: JsonPropertyName("writerGuid")] string WriterGuid,
    [property: JsonPropertyName("payloadSerializerId")] int PayloadSerializerId,
    [property: JsonPropertyName("payloadManifest")] string PayloadManifest,
    [property: JsonPropertyName("payload")] string Payload,
    [property: JsonPropertyName("payloadEncoding")] string PayloadEncoding,
    [property: JsonPropertyName("record")] string Record,
    [property: JsonPropertyName("snapshotSequenceNr")] long SnapshotSequenceNr,
    [property: JsonPropertyName("deletedAt")] DateTime DeletedAt);

/// <summary>
/// The append-only archive retention writes every event to before deleting it from Redis: newline-delimited JSON, one
/// file per UTC day of deletion (<c>events-yyyy-MM-dd.ndjson</c>), flushed to disk before the delete is sent. A crash
/// between the two archives those events again on the next snapshot; (persistence id, sequence number) identifies an
/// event, so a reader keeps one of each.
/// </summary>
public sealed class EventArchive(string directory)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };
    private readonly SemaphoreSlim _appending = new(1, 1);

    public string Directory { get; } = directory;

    public string FileFor(DateTime deletedAt) =>
        Path.Combine(Directory, $"events-{deletedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.ndjson");

    /// <returns>the file written to.</returns>
    public async Task<string> AppendAsync(IReadOnlyList<ArchivedEvent> events, DateTime deletedAt)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var file = FileFor(deletedAt);
        var text = new StringBuilder();
        foreach (var archived in events) text.Append(JsonSerializer.Serialize(archived, Json)).Append('\n');
        await _appending.WaitAsync().ConfigureAwait(false);
        try
        {
            await using var stream = new FileStream(file, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.WriteThrough);
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString())).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            _appending.Release();
        }
        return file;
    }

    /// <summary>Every archived event, each (persistence id, sequence number) once, in file then line order.</summary>
    public static async Task<IReadOnlyList<ArchivedEvent>> ReadAsync(string directory)
    {
        var seen = new HashSet<(string, long)>();
        var events = new List<ArchivedEvent>();
        if (!System.IO.Directory.Exists(directory)) return events;
        foreach (var file in System.IO.Directory.GetFiles(directory, "events-*.ndjson").Order(StringComparer.Ordinal))
        foreach (var line in await File.ReadAllLinesAsync(file).ConfigureAwait(false))
        {
            if (line.Length == 0) continue;
            var archived = JsonSerializer.Deserialize<ArchivedEvent>(line, Json)
                ?? throw new InvalidDataException($"{file}: an empty record");
            if (seen.Add((archived.PersistenceId, archived.SequenceNr))) events.Add(archived);
        }
        return events;
    }
}
