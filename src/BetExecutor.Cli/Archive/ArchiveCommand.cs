using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using BetExecutor.Persistence.Redis.Retention;

namespace BetExecutor.Cli.Archive;

/// <summary>
/// <c>betexec archive --dir DIRECTORY [--persistence-id ID] [--json]</c>: reads back the events retention archived
/// before deleting them from Redis (the NDJSON files of <c>retention.archive-directory</c>), each event once even if a
/// crash between archive and delete wrote it twice, ordered by persistence id and sequence number.
/// </summary>
public static class ArchiveCommand
{
    public static Command Create()
    {
        var directory = new Option<DirectoryInfo>("--dir") { Description = "The archive directory (retention.archive-directory).", Required = true };
        var persistenceId = new Option<string?>("--persistence-id") { Description = "Only this persistence id's events, e.g. pair/bookie/brand1/alice/s-1." };
        var json = new Option<bool>("--json") { Description = "Print each event as its archived JSON line instead of a table." };
        var command = new Command("archive", "Read the events retention archived before deleting them from Redis.") { directory, persistenceId, json };
        command.SetAction(async (parse, _) =>
        {
            var dir = parse.GetValue(directory)!;
            if (!dir.Exists) return Usage.Fail($"--dir: {dir.FullName} does not exist");
            return await PrintAsync(dir.FullName, parse.GetValue(persistenceId), parse.GetValue(json), Console.Out);
        });
        return command;
    }

    public static async Task<int> PrintAsync(string directory, string? persistenceId, bool json, TextWriter output)
    {
        IReadOnlyList<ArchivedEvent> events;
        try
        {
            events = await EventArchive.ReadAsync(directory);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return Usage.RunFailure($"--dir: the archive in {directory} could not be read: {e.Message}");
        }
        var selected = events
            .Where(e => persistenceId is null || e.PersistenceId == persistenceId)
            .OrderBy(e => e.PersistenceId, StringComparer.Ordinal).ThenBy(e => e.SequenceNr)
            .ToList();
        foreach (var e in selected)
        {
            await output.WriteLineAsync(json
                ? JsonSerializer.Serialize(e)
                : string.Join('\t', e.PersistenceId, e.SequenceNr.ToString(CultureInfo.InvariantCulture), e.WrittenAt.ToString("O", CultureInfo.InvariantCulture),
                    e.PayloadManifest, e.PayloadEncoding == "utf-8" ? e.Payload : $"base64:{e.Payload}"));
        }
        await Console.Error.WriteLineAsync($"{selected.Count} archived events of {selected.Select(e => e.PersistenceId).Distinct().Count()} persistence ids");
        return 0;
    }
}
