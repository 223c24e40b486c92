using BetExecutor.Node.Hosting;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace BetExecutor.Cli;

/// <summary>
/// Logs go to standard error so that standard output carries only results (JSON lines stay parseable).
/// Quiet by default: errors only (results carry the outcomes); <c>--verbose</c> shows the executor's every decision.
/// </summary>
public static class CliLogging
{
    public static ILogger Create(bool verbose)
    {
        var logger = new LoggerConfiguration()
            .MinimumLevel.Is(verbose ? LogEventLevel.Information : LogEventLevel.Error)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            // Every Redis connection string form a message or exception may quote (--redis) is redacted.
            .WriteTo.Console(
                new RedactingFormatter(new MessageTemplateTextFormatter("[{Timestamp:HH:mm:ss} {Level:u3}] {Identity} {PairId} {Message:lj}{NewLine}{Exception}"), []),
                standardErrorFromLevel: LogEventLevel.Verbose)
            .CreateLogger();
        // Akka's own logs reach Serilog through the static logger (Akka.Logger.Serilog).
        Log.Logger = logger;
        return logger;
    }
}
