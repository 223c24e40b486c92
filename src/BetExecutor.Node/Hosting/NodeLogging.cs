using System.Text;
using BetExecutor.Node.Standalone;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;

namespace BetExecutor.Node.Hosting;

/// <summary>
/// The node's logger: compact JSON (CLEF, one object a line) for a log collector, readable lines for a person; a
/// minimum level per source (Serilog's SourceContext: the logging class, e.g. <c>Akka.Cluster</c> or
/// <c>BetExecutor.Coordination.Redis</c>); every secret the node knows masked in every line, in the form it takes in
/// JSON too. The actors add Identity, PairId, SignalId, the legs' client references and Node to their lines.
/// </summary>
public static class NodeLogging
{
    public const string FormatVariable = "BETEXECUTOR_LOG";
    public const string LevelsVariable = "BETEXECUTOR_LOG_LEVELS";

    private const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {Node} {Identity} {PairId} {Message:lj}";

    /// <summary>
    /// <c>json</c> or <c>text</c>; unset or <c>auto</c>: JSON when standard error (where logs go) is not a terminal
    /// (a file, a pipe, a container's log driver), readable lines on a terminal.
    /// </summary>
    public static bool JsonFor(string? text, bool logsRedirected) => text switch
    {
        null or "auto" => logsRedirected,
        "json" => true,
        "text" => false,
        _ => throw new NodeUsageException(FormatVariable, $"'{text}' is neither auto, json nor text"),
    };

    /// <summary>Parses <c>Source=level[,Source=level]</c>, e.g. <c>Akka=warning,BetExecutor.Coordination.Redis=debug</c>.</summary>
    public static IReadOnlyList<(string Source, LogEventLevel Level)> LevelsFor(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return [];
        var levels = new List<(string, LogEventLevel)>();
        foreach (var entry in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[0].Any(c => !(char.IsLetterOrDigit(c) || c is '.' or '_')))
                throw new NodeUsageException(LevelsVariable, $"'{entry}' is not SOURCE=LEVEL (e.g. Akka.Cluster=warning)");
            levels.Add((parts[0], Level(parts[1]) ??
                throw new NodeUsageException(LevelsVariable, $"'{parts[1]}' for {parts[0]} is not a level (verbose, debug, information, warning, error, fatal)")));
        }
        return levels;
    }

    private static LogEventLevel? Level(string text) => text.ToLowerInvariant() switch
    {
        "verbose" => LogEventLevel.Verbose,
        "debug" => LogEventLevel.Debug,
        "information" or "info" => LogEventLevel.Information,
        "warning" => LogEventLevel.Warning,
        "error" => LogEventLevel.Error,
        "fatal" => LogEventLevel.Fatal,
        _ => null,
    };

    /// <summary>The logger writing to <paramref name="output"/> (standard error for the node).</summary>
    public static Logger Create(bool json, LogEventLevel level, IReadOnlyList<(string Source, LogEventLevel Level)> levels,
        string node, IReadOnlyList<string> secrets, TextWriter output)
    {
        // Stack traces only at debug level; otherwise a failure is its one-line summary, in either format.
        var detailed = level <= LogEventLevel.Debug;
        ITextFormatter formatter = json
            ? new WithoutStackTraces(new CompactJsonFormatter(), detailed)
            : new MessageTemplateTextFormatter(TextTemplate + (detailed ? "{NewLine}{Exception}" : "{ExceptionSummary}{NewLine}"));
        var configuration = new LoggerConfiguration()
            .WriteTo.Sink(new TextWriterSink(new RedactingFormatter(formatter, WithJsonForms(secrets)), output))
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning);
        foreach (var (source, sourceLevel) in levels) configuration = configuration.MinimumLevel.Override(source, sourceLevel);
        return configuration
            .Enrich.FromLogContext()
            .Enrich.With<ExceptionSummary>()
            .Enrich.WithProperty("Node", node)
            .CreateLogger();
    }

    /// <summary>Each secret as written, and as JSON writes it inside a string (quotes, backslashes, control characters escaped).</summary>
    public static IReadOnlyList<string> WithJsonForms(IReadOnlyList<string> secrets) =>
        secrets.Concat(secrets.Select(JsonEscaped)).Distinct(StringComparer.Ordinal).ToArray();

    private static string JsonEscaped(string text)
    {
        using var writer = new StringWriter();
        Serilog.Formatting.Json.JsonValueFormatter.WriteQuotedJsonString(text, writer);
        var quoted = writer.ToString();
        return quoted[1..^1];
    }

    /// <summary>Below debug level, JSON lines carry the exception's one-line summary, not its stack trace.</summary>
    private sealed class WithoutStackTraces(ITextFormatter inner, bool detailed) : ITextFormatter
    {
        public void Format(LogEvent logEvent, TextWriter output)
        {
            if (detailed || logEvent.Exception is null)
            {
                inner.Format(logEvent, output);
                return;
            }
            var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, p.Value));
            inner.Format(new LogEvent(logEvent.Timestamp, logEvent.Level, null, logEvent.MessageTemplate, properties), output);
        }
    }

    /// <summary>Writes each formatted event and flushes, one writer for the whole process (a console stream is thread-safe).</summary>
    private sealed class TextWriterSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
    {
        private readonly object _sync = new();

        public void Emit(LogEvent logEvent)
        {
            var buffer = new StringWriter(new StringBuilder(256));
            formatter.Format(logEvent, buffer);
            lock (_sync)
            {
                output.Write(buffer.ToString());
                output.Flush();
            }
        }
    }
}
