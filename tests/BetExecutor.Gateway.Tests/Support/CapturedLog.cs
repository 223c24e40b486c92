using System.Collections.Concurrent;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace BetExecutor.Gateway.Tests.Support;

/// <summary>Every log event of a test's node and gateway, kept to be searched (rendered text and every property).</summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public CapturedLog() => Logger = new LoggerConfiguration().MinimumLevel.Verbose().Enrich.FromLogContext().WriteTo.Sink(this).CreateLogger();

    public ILogger Logger { get; }

    public IReadOnlyList<LogEvent> Events => _events.ToArray();

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    /// <summary>Everything a log line shows or carries: its rendered message, its exception and each property's value.</summary>
    public static string AllText(LogEvent e) =>
        string.Join(" | ", new[] { e.RenderMessage(), e.Exception?.ToString() ?? "" }
            .Concat(e.Properties.Select(p => $"{p.Key}={p.Value}")));
}
