using System.Text;
using StackExchange.Redis;

namespace BetExecutor.Persistence.Redis;

/// <summary>
/// Which persistence ids the journal holds, for operators (the admin API lists identities and finds pairs by id):
/// every id whose highest-sequence-number key exists, found by SCAN on every primary. That key survives deletes, so
/// an id whose events retention removed is still listed. Read-only; never on a hot path.
/// </summary>
public sealed class RedisPersistenceIds : IAsyncDisposable
{
    private const string HighestSuffix = "}:highestSequenceNr";
    private readonly ConnectionMultiplexer _connection;
    private readonly RedisPluginSettings _settings;
    private readonly string _eventsPrefix;

    private RedisPersistenceIds(ConnectionMultiplexer connection, RedisPluginSettings settings)
    {
        _connection = connection;
        _settings = settings;
        // RedisKeys.HighestSequenceNr: {prefix}journal:persisted:{id}:highestSequenceNr, the id escaped in its hash tag.
        _eventsPrefix = $"{settings.KeyPrefix}journal:persisted:{{";
    }

    /// <summary>Connects (in the background when Redis is not reachable yet: calls fail until it is).</summary>
    public static async Task<RedisPersistenceIds> ConnectAsync(RedisPluginSettings settings)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(RedisConnector.Options(settings)).ConfigureAwait(false);
        return new RedisPersistenceIds(connection, settings);
    }

    /// <summary>Every stored persistence id starting with <paramref name="idPrefix"/>, sorted ordinally.</summary>
    /// <exception cref="RedisException">Redis is not reachable.</exception>
    public async Task<IReadOnlyList<string>> StartingWithAsync(string idPrefix, CancellationToken cancellationToken)
    {
        var escapedId = RedisKeys.HashTag(idPrefix)[1..^1];
        var pattern = Glob(_eventsPrefix + escapedId) + "*" + Glob(HighestSuffix);
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        var primaries = _connection.GetServers().Where(s => !s.IsReplica).ToArray();
        if (primaries.Length == 0 || primaries.All(s => !s.IsConnected))
            throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "no Redis primary is connected");
        foreach (var server in primaries)
        {
            await foreach (var key in server.KeysAsync(_settings.Database, pattern, pageSize: 1000).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var text = (string)key!;
                if (!text.StartsWith(_eventsPrefix, StringComparison.Ordinal) || !text.EndsWith(HighestSuffix, StringComparison.Ordinal)) continue;
                ids.Add(Unescape(text[_eventsPrefix.Length..^HighestSuffix.Length]));
            }
        }
        return ids.ToArray();
    }

    /// <summary>Undoes <see cref="RedisKeys.HashTag"/>'s escaping.</summary>
    private static string Unescape(string tag) => tag.Replace("%7D", "}").Replace("%7B", "{").Replace("%25", "%");

    /// <summary>Redis glob special characters taken literally.</summary>
    private static string Glob(string literal)
    {
        var glob = new StringBuilder(literal.Length);
        foreach (var c in literal)
        {
            if (c is '*' or '?' or '[' or ']' or '\\') glob.Append('\\');
            glob.Append(c);
        }
        return glob.ToString();
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync().ConfigureAwait(false);
}
