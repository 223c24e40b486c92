using Serilog.Core;
using Serilog.Events;

namespace BetExecutor.Node.Hosting;

/// <summary>
/// Readable logs show a failure as one line (<c>{ExceptionSummary}</c>: type and first line of the message); the
/// stack trace is written only at debug level, so none reaches a user reading the node's output.
/// </summary>
public sealed class ExceptionSummary : ILogEventEnricher
{
    public const string Property = "ExceptionSummary";

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory factory) =>
        logEvent.AddPropertyIfAbsent(factory.CreateProperty(Property, logEvent.Exception is { } ex ? $" ({Describe(ex)})" : ""));

    /// <summary>The innermost failure that says something, in one line (wrappers such as AggregateException skipped).</summary>
    public static string Describe(Exception exception)
    {
        var lines = new List<string>();
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is AggregateException { InnerExceptions.Count: 1 }) continue;
            var line = e.Message.Split('\n')[0].Trim().Replace(" See InnerException for details.", "", StringComparison.Ordinal);
            if (line.Length > 0 && !lines.Contains(line)) lines.Add(line);
        }
        return lines.Count == 0 ? exception.GetType().Name : string.Join(": ", lines);
    }
}
