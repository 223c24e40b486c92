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
            // A record torn by a crash mid-write (its events were never deleted: they are archived again) is closed
            // first, so these start on a line of their own.
            if (EndsTorn(file)) text.Insert(0, '\n');
            await stream.WriteAsync(Encoding.UTF8.GetBytes(text.ToString())).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            _appending.Release();
        }
        return file;
    }

    private static bool EndsTorn(string file)
    {
        using var read = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (read.Length == 0) return false;
        read.Seek(-1, SeekOrigin.End);
        return read.ReadByte() != '\n';
    }

    /// <summary>
    /// Every archived event, each (persistence id, sequence number) once, in file then line order. A file's last line
    /// without its newline is a record still being written (read it next time), and a line cut short by a crash
    /// mid-write is skipped: its events were not deleted from Redis, so they are archived again whole. Any other line
    /// that does not read is refused.
    /// </summary>
    /// <exception cref="InvalidDataException">a line that is neither a record nor one cut short.</exception>
    public static async Task<IReadOnlyList<ArchivedEvent>> ReadAsync(string directory)
    {
        var seen = new HashSet<(string, long)>();
        var events = new List<ArchivedEvent>();
        if (!System.IO.Directory.Exists(directory)) return events;
        foreach (var file in System.IO.Directory.GetFiles(directory, "events-*.ndjson").Order(StringComparer.Ordinal))
        {
            var text = await File.ReadAllTextAsync(file).ConfigureAwait(false);
            var lines = text[..(text.LastIndexOf('\n') + 1)].Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Length == 0 || Read(file, i + 1, lines[i]) is not { } archived) continue;
                if (seen.Add((archived.PersistenceId, archived.SequenceNr))) events.Add(archived);
            }
        }
        return events;
    }

    /// <returns>the record, or null for a line cut short (its JSON ends before the record does).</returns>
    private static ArchivedEvent? Read(string file, int lineNumber, string line)
    {
        try
        {
            return JsonSerializer.Deserialize<ArchivedEvent>(line, Json) ?? throw new InvalidDataException($"{file}:{lineNumber}: an empty record");
        }
        catch (JsonException ex) when (ex.BytePositionInLine >= Encoding.UTF8.GetByteCount(line))
        {
            return null;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file}:{lineNumber}: not an archived event ({ex.Message})", ex);
        }
    }
}
