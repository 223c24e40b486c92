using System.Text.Json;
using BetExecutor.Cli.Tests.Support;
using BetExecutor.Persistence.Redis.Retention;

namespace BetExecutor.Cli.Tests;

/// <summary>
/// <c>betexec archive</c>, as a real process, on an archive as retention writes it: every event once (a crash between
/// archive and delete archives some twice), ordered by persistence id and sequence number, filtered by id, as a table
/// or as the archived JSON; a missing directory is bad input naming --dir, an unreadable archive a failure.
/// </summary>
public sealed class ArchiveCommandTests : IDisposable
{
    private static readonly DateTime Day = new(2030, 6, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly string _dir = Directory.CreateTempSubdirectory("betexec-archive-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ArchivedEvent Event(string persistenceId, long sequenceNr, DateTime deletedAt) => new(
        persistenceId, sequenceNr, Day, "writer-1", 4711, $"pair.event-{sequenceNr}.v1", $$"""{"n":{{sequenceNr}}}""", "utf-8", "cmVjb3Jk", 3, deletedAt);

    private async Task WriteTwoRunsAsync()
    {
        var archive = new EventArchive(_dir);
        // Run 1 deleted nothing (a crash after the archive); run 2, a day later, archives 1–3 again and the account's 1.
        await archive.AppendAsync([Event("pair/b/w/a/s-1", 1, Day), Event("pair/b/w/a/s-1", 2, Day)], Day);
        await archive.AppendAsync([Event("pair/b/w/a/s-1", 1, Day.AddDays(1)), Event("pair/b/w/a/s-1", 2, Day.AddDays(1)),
            Event("pair/b/w/a/s-1", 3, Day.AddDays(1)), Event("account/b/w/a", 1, Day.AddDays(1))], Day.AddDays(1));
    }

    [Fact]
    public async Task Prints_every_archived_event_once_in_persistence_id_and_sequence_order()
    {
        await WriteTwoRunsAsync();

        var result = await Betexec.RunAsync("archive", "--dir", _dir);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).ToList();
        Assert.Equal(["account/b/w/a 1", "pair/b/w/a/s-1 1", "pair/b/w/a/s-1 2", "pair/b/w/a/s-1 3"], lines.Select(l => $"{l[0]} {l[1]}"));
        Assert.Equal("""{"n":3}""", lines[3][4]);
        Assert.Contains("4 archived events of 2 persistence ids", result.Stderr);
    }

    [Fact]
    public async Task Prints_one_ids_events_as_their_archived_json()
    {
        await WriteTwoRunsAsync();

        var result = await Betexec.RunAsync("archive", "--dir", _dir, "--persistence-id", "pair/b/w/a/s-1", "--json");

        Assert.Equal(0, result.ExitCode);
        var events = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<ArchivedEvent>(l)!).ToList();
        Assert.Equal([1L, 2, 3], events.Select(e => e.SequenceNr));
        Assert.All(events, e => Assert.Equal("pair/b/w/a/s-1", e.PersistenceId));
    }

    [Fact]
    public async Task A_missing_directory_is_bad_input_naming_dir_and_an_unreadable_archive_a_failure()
    {
        var missing = await Betexec.RunAsync("archive", "--dir", Path.Combine(_dir, "nowhere"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "events-2030-06-01.ndjson"), "{not json\n");
        var unreadable = await Betexec.RunAsync("archive", "--dir", _dir);

        Assert.Equal((2, ""), (missing.ExitCode, missing.Stdout));
        Assert.StartsWith("error: --dir:", missing.Stderr);
        Assert.Equal((1, ""), (unreadable.ExitCode, unreadable.Stdout));
        Assert.Contains("could not be read", unreadable.Stderr);
        Assert.DoesNotContain("   at ", unreadable.Stderr); // no stack trace
    }
}
