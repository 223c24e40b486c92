using BetExecutor.Node.Hosting;
using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace BetExecutor.Cli;

/// <summary>
/// Logs go to standard error so that standard output carries only results (JSON lines stay parseable).
/// Quiet by default: errors only, one line each (results carry the outcomes); <c>--verbose</c> shows the executor's
/// every decision, debug details and stack traces.
/// </summary>
public static class CliLogging
{
    /// <summary>Instants inside messages read <c>2030-06-01 12:01:00 +00:00</c>: year first, in any culture.</summary>
    private static readonly CultureInfo IsoDates = CreateIsoDates();

    private static CultureInfo CreateIsoDates()
    {
        var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        culture.DateTimeFormat.ShortDatePattern = "yyyy-MM-dd";
        culture.DateTimeFormat.LongTimePattern = "HH:mm:ss";
        return CultureInfo.ReadOnly(culture);
    }

    public static ILogger Create(bool verbose)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Debug : LogEventLevel.Error)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.With<UtcTimestamp>()
            // Every Redis connection string form a message or exception may quote (--redis) is redacted.
            // Exceptions' stack traces only with --verbose: a user sees one line per problem.
            .WriteTo.Console(
                new RedactingFormatter(new MessageTemplateTextFormatter(verbose
                    ? "[{UtcTimestamp:l} {Level:u3}] {Identity} {PairId} {Message:lj}{NewLine}{Exception}"
                    : "[{UtcTimestamp:l} {Level:u3}] {Identity} {PairId} {Message:lj}{NewLine}", IsoDates), []),
                standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
        // Akka's own logs reach Serilog through the static logger (Akka.Logger.Serilog).
        Log.Logger = logger;
        return logger;
    }

    /// <summary>Every line's time as ISO-8601 UTC (<c>2026-11-30T02:14:28.123Z</c>), whatever the machine's culture and zone.</summary>
    private sealed class UtcTimestamp : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory factory) =>
            logEvent.AddPropertyIfAbsent(factory.CreateProperty(
                "UtcTimestamp", logEvent.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
    }
}
