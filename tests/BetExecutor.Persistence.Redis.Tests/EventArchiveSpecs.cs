using BetExecutor.Persistence.Redis.Retention;

namespace BetExecutor.Persistence.Redis.Tests;

/// <summary>
/// Reading the archive while retention appends to it, or after a crash tore a record: a record still being written
/// (no newline yet) is left for the next read, a torn one is skipped and the next append starts on its own line; any
/// other line that does not read is refused, naming the file and line.
/// </summary>
public sealed class EventArchiveSpecs : IDisposable
{
    private static readonly DateTime Day = new(2030, 6, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly string _directory = Directory.CreateTempSubdirectory("betexec-archive-specs-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static ArchivedEvent Event(long sequenceNr) =>
        new("pair/p/w/a/s-1", sequenceNr, Day, "writer", 1, "m", "{}", "utf-8", "cmVjb3Jk", 5, Day);

    [Fact]
    public async Task A_record_still_being_written_is_left_for_the_next_read()
    {
        var archive = new EventArchive(_directory);
        var file = await archive.AppendAsync([Event(1), Event(2)], Day);
        var whole = await File.ReadAllTextAsync(file);
        var third = System.Text.Json.JsonSerializer.Serialize(Event(3));
        await File.AppendAllTextAsync(file, third[..(third.Length / 2)]);

        Assert.Equal([1L, 2L], (await EventArchive.ReadAsync(_directory)).Select(e => e.SequenceNr));
        Assert.StartsWith(whole, await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task A_record_torn_by_a_crash_is_skipped_and_the_next_append_starts_on_its_own_line()
    {
        var archive = new EventArchive(_directory);
        var file = await archive.AppendAsync([Event(1)], Day);
        var torn = System.Text.Json.JsonSerializer.Serialize(Event(2));
        await File.AppendAllTextAsync(file, torn[..(torn.Length - 10)]);

        await archive.AppendAsync([Event(2), Event(3)], Day);

        Assert.Equal([1L, 2L, 3L], (await EventArchive.ReadAsync(_directory)).Select(e => e.SequenceNr));
        Assert.Equal(4, (await File.ReadAllTextAsync(file)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task A_line_that_is_no_record_is_refused_naming_the_file_and_line()
    {
        var file = await new EventArchive(_directory).AppendAsync([Event(1)], Day);
        await File.AppendAllTextAsync(file, "{\"persistenceId\": 7} trailing\n");

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => EventArchive.ReadAsync(_directory));

        Assert.Contains($"{file}:2", refused.Message);
    }
}
