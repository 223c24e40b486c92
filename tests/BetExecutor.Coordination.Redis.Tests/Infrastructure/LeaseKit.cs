using Akka.Configuration;
using Akka.Coordination;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using StackExchange.Redis;

namespace BetExecutor.Coordination.Redis.Tests.Infrastructure;

/// <summary>Lease timings for tests: short, so expiries take seconds; the local validity is timeout − 2 × interval.</summary>
public sealed record LeaseTimings(TimeSpan HeartbeatTimeout, TimeSpan HeartbeatInterval, TimeSpan OperationTimeout)
{
    /// <summary>TTL 2 s, renewed every 400 ms, trusted 1.2 s after a renewal was sent, calls bounded at 800 ms.</summary>
    public static readonly LeaseTimings Fast = new(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800));

    /// <summary>TTL 3 s, renewed every 500 ms, trusted 2 s: a 1 s margin for tests that race the key's expiry.</summary>
    public static readonly LeaseTimings Steady = new(TimeSpan.FromSeconds(3), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));

    /// <summary>TTL 10 s, renewed every second, trusted 8 s: for tests about who holds, not about expiry, on a loaded machine.</summary>
    public static readonly LeaseTimings Roomy = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));

    public TimeSpan LocalValidity => HeartbeatTimeout - 2 * HeartbeatInterval;

    public string ToHocon() =>
        $"heartbeat-timeout = {HeartbeatTimeout.TotalMilliseconds}ms\n" +
        $"heartbeat-interval = {HeartbeatInterval.TotalMilliseconds}ms\n" +
        $"lease-operation-timeout = {OperationTimeout.TotalMilliseconds}ms\n";
}

/// <summary>
/// Builds leases against one redis-server the way Akka's LeaseProvider does (LeaseSettings from HOCON), each on a
/// connection of its own, like owners on separate nodes; disposes them all at the end of the test.
/// </summary>
/// <param name="extraConfig">more lease settings (HOCON), e.g. wait-for-replicas.</param>
public sealed class LeaseKit(string connectionString, LeaseTimings timings, string extraConfig = "") : IAsyncDisposable
{
    public const string KeyPrefix = "test:";
    private static long _incarnations;

    private readonly List<IDisposable> _owned = [];
    private ConnectionMultiplexer? _admin;

    public LeaseKit(RedisServerProcess server, LeaseTimings timings) : this(server.ConnectionString, timings)
    {
    }

    public LeaseTimings Timings => timings;

    public Config LeaseConfig => ConfigurationFactory.ParseString(
        $"configuration-string = \"{connectionString}\"\nkey-prefix = \"{KeyPrefix}\"\n" + timings.ToHocon() + extraConfig);

    public static string NewLeaseName(string what) => $"{what}-{Guid.NewGuid():N}";

    /// <summary>A new incarnation each time: a distinct owner even on the same host:port.</summary>
    public static long NewIncarnation() => Interlocked.Increment(ref _incarnations);

    /// <summary>A lease on a connection of its own, returned once that connection is up (the node has started).</summary>
    public async Task<RedisLease> NewLeaseAsync(
        string leaseName, string ownerName = "127.0.0.1:2552", long? incarnation = null, TimeProvider? clock = null, bool connected = true)
    {
        var node = await NodeAsync(ownerName, incarnation, connected);
        return node.NewLease(leaseName, clock);
    }

    /// <summary>A node: its owner name, incarnation and Redis connection (up when returned); leases on it share the connection.</summary>
    public async Task<LeaseNode> NodeAsync(string ownerName, long? incarnation = null, bool connected = true)
    {
        var connection = new RedisLeaseConnection(RedisLeaseSettings.Create(Settings("connection", ownerName)));
        Own(connection);
        await connection.WhenConnectAttemptEnded;
        // A node is started once it is connected (a loaded machine can miss the first connect timeout).
        if (connected && !await Eventually.TrueWithinAsync(() => Task.FromResult(connection.IsConnected), TimeSpan.FromSeconds(30)))
            throw new InvalidOperationException($"lease connection for {ownerName} did not connect to Redis");
        return new LeaseNode(this, ownerName, incarnation ?? NewIncarnation(), connection);
    }

    /// <summary>Owners of one lease on distinct nodes (distinct host:port and incarnation).</summary>
    public async Task<IReadOnlyList<LeaseNode>> NodesAsync(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(i => NodeAsync($"127.0.0.1:{4000 + i}")));

    internal LeaseSettings Settings(string leaseName, string ownerName) => LeaseSettings.Create(LeaseConfig, leaseName, ownerName);

    internal T Own<T>(T disposable) where T : IDisposable
    {
        lock (_owned) _owned.Add(disposable);
        return disposable;
    }

    /// <summary>A separate connection for the test's own look at the keys.</summary>
    public async Task<IDatabase> AdminAsync()
    {
        _admin ??= await ConnectionMultiplexer.ConnectAsync(connectionString + ",abortConnect=false");
        return _admin.GetDatabase();
    }

    public async Task<string?> HolderAsync(RedisLease lease) => await (await AdminAsync()).StringGetAsync(lease.Keys.Lease);

    public async Task<long> StoredTokenAsync(RedisLease lease) => (long)await (await AdminAsync()).StringGetAsync(lease.Keys.Token);

    public async ValueTask DisposeAsync()
    {
        lock (_owned)
        {
            // Leases before connections: a lease stops heartbeating before its connection closes.
            foreach (var owned in _owned.OfType<RedisLease>()) owned.Dispose();
            foreach (var owned in _owned.Where(o => o is not RedisLease)) owned.Dispose();
            _owned.Clear();
        }
        if (_admin is not null) await _admin.DisposeAsync();
    }
}

/// <summary>One simulated node of a <see cref="LeaseKit"/>: an owner name, an incarnation and one Redis connection.</summary>
public sealed record LeaseNode(LeaseKit Kit, string OwnerName, long Incarnation, RedisLeaseConnection Connection)
{
    public RedisLease NewLease(string leaseName, TimeProvider? clock = null) =>
        Kit.Own(new RedisLease(Kit.Settings(leaseName, OwnerName), Connection, Incarnation, clock ?? TimeProvider.System));
}
