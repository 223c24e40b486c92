using Akka.Configuration;

namespace BetExecutor.Persistence.Redis.Retention;

/// <summary>The snapshot store's <c>retention</c> section (see reference.conf).</summary>
/// <param name="KeepEventsFor">Events younger than this are never deleted; null: retention is off.</param>
/// <param name="ArchiveDirectory">Where every event is written before it is deleted (one NDJSON file per day).</param>
/// <param name="SweepInterval">How often retention looks for persistence ids whose events came of age since their last snapshot.</param>
public sealed record RetentionSettings(TimeSpan? KeepEventsFor, string ArchiveDirectory, TimeSpan SweepInterval)
{
    public static readonly RetentionSettings Off = new(null, "", TimeSpan.FromMinutes(1));

    public bool IsOn => KeepEventsFor is not null;

    public static RetentionSettings FromConfig(Config config)
    {
        var section = config.GetConfig("retention");
        if (section is null || section.IsEmpty) return Off;
        var keep = section.GetString("keep-events-for", "off");
        if (string.Equals(keep, "off", StringComparison.OrdinalIgnoreCase)) return Off;

        TimeSpan keepFor;
        try
        {
            keepFor = section.GetTimeSpan("keep-events-for", null, allowInfinite: false);
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            throw new ConfigurationException($"retention.keep-events-for must be off or a duration such as 90d (got '{keep}').");
        }
        if (keepFor < TimeSpan.Zero)
            throw new ConfigurationException($"retention.keep-events-for must not be negative (got '{keep}').");
        var directory = section.GetString("archive-directory", "");
        // Nothing is deleted that was not archived first: without an archive there is no retention.
        if (string.IsNullOrWhiteSpace(directory))
            throw new ConfigurationException("retention.archive-directory must name a directory when retention.keep-events-for is set.");
        TimeSpan sweep;
        try
        {
            sweep = section.GetTimeSpan("sweep-interval", TimeSpan.FromMinutes(1), allowInfinite: false);
        }
        catch (Exception e) when (e is not ConfigurationException)
        {
            throw new ConfigurationException($"retention.sweep-interval must be a duration such as 1m (got '{section.GetString("sweep-interval", "")}').");
        }
        if (sweep <= TimeSpan.Zero)
            throw new ConfigurationException($"retention.sweep-interval must be positive (got '{section.GetString("sweep-interval", "")}').");
        return new RetentionSettings(keepFor, directory, sweep);
    }
}
