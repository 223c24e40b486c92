using BetExecutor.Persistence.Redis;
using Serilog.Events;
using Serilog.Formatting;

namespace BetExecutor.Node.Hosting;

/// <summary>
/// Formats each log event, then masks every password in the text (<see cref="RedisConnectionString.Redact"/>), so a
/// connection string quoted by any message or exception (ours, Akka's, StackExchange.Redis's) never reaches a log.
/// </summary>
public sealed class RedactingFormatter(ITextFormatter inner, IReadOnlyList<string> secrets) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        using var buffer = new StringWriter();
        inner.Format(logEvent, buffer);
        output.Write(RedisConnectionString.Redact(buffer.ToString(), secrets));
    }
}
