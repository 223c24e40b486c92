using System.Globalization;
using StackExchange.Redis;

namespace BetExecutor.Bench.EndToEnd;

/// <summary>INFO commandstats of the bench's redis-server: which commands a run sent, and what Redis spent on each.</summary>
internal static class CommandStats
{
    public sealed record Command(string Name, long Calls, double MicrosPerCall);

    public static async Task<IReadOnlyDictionary<string, Command>> ReadAsync(int port)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},allowAdmin=true");
        var server = connection.GetServer(connection.GetEndPoints()[0]);
        var text = await server.InfoRawAsync("commandstats") ?? "";
        var commands = new Dictionary<string, Command>(StringComparer.Ordinal);
        // cmdstat_evalsha:calls=20000,usec=123456,usec_per_call=6.17,rejected_calls=0,failed_calls=0
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("cmdstat_", StringComparison.Ordinal)))
        {
            var name = line["cmdstat_".Length..line.IndexOf(':')];
            var fields = line[(line.IndexOf(':') + 1)..].Split(',').Select(f => f.Split('=')).ToDictionary(f => f[0], f => f[1]);
            commands[name] = new Command(name, long.Parse(fields["calls"], CultureInfo.InvariantCulture), double.Parse(fields["usec_per_call"], CultureInfo.InvariantCulture));
        }
        return commands;
    }

    public static async Task ResetAsync(int port)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port},allowAdmin=true");
        await connection.GetServer(connection.GetEndPoints()[0]).ConfigResetStatisticsAsync();
    }

    public static string Describe(IReadOnlyDictionary<string, Command> commands, params string[] names) =>
        string.Join(", ", names.Where(commands.ContainsKey).Select(n => $"{n.ToUpperInvariant()} ×{commands[n].Calls:N0} at {commands[n].MicrosPerCall:F1} µs"));
}
