using System.Diagnostics;

namespace BetExecutor.LocalCluster;

/// <summary>
/// A running local cluster: redis-server, the venue simulator, executor nodes and gateway nodes, each a process on
/// loopback ports that this object started and stops by pid. Used by scripts/local-cluster (through Program) and by
/// the multi-process tests.
/// </summary>
public sealed class LaunchedCluster : IAsyncDisposable
{
    /// <summary>How long a node may take to end on SIGTERM (leave the cluster, hand its shards off) before SIGKILL.</summary>
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(20);

    private readonly LocalClusterOptions _options;
    private readonly List<ClusterNode> _nodes = [];
    private readonly DateTimeOffset _startedAt;
    private IReadOnlyList<string> _seeds = [];

    private LaunchedCluster(LocalClusterOptions options, ApiKey apiKey, ApiKey adminToken)
    {
        _options = options;
        _startedAt = options.Time.GetUtcNow();
        ApiKey = apiKey;
        AdminToken = adminToken;
    }

    public ApiKey ApiKey { get; }

    /// <summary>The operators' token for every node's admin API (betexec): random at every start; nodes get only its hash.</summary>
    public ApiKey AdminToken { get; }
    /// <summary>Null only while the cluster is starting.</summary>
    public RedisInstance Redis { get; private set; } = null!;
    public VenueInstance Venue { get; private set; } = null!;
    public IReadOnlyList<ClusterNode> Nodes => _nodes;
    public IEnumerable<ClusterNode> Executors => _nodes.Where(n => n.Spec.IsExecutor);
    public IEnumerable<ClusterNode> Gateways => _nodes.Where(n => n.Spec.IsGateway);
    public string Directory => _options.Directory;
    public string ClusterFilePath => Path.Combine(_options.Directory, ClusterFile.FileName);

    /// <summary>
    /// Starts everything, waits until every gateway answers GET /health/ready with 200, and writes cluster.json. On
    /// any failure, stops what it started and throws <see cref="LaunchException"/>.
    /// </summary>
    public static async Task<LaunchedCluster> StartAsync(LocalClusterOptions options, Action<string>? progress = null)
    {
        Check(options);
        progress ??= _ => { };
        PrepareDirectory(options.Directory);
        var cluster = new LaunchedCluster(options, ApiKey.NewRandom("local"), ApiKey.NewRandom("local-admin"));
        var clock = Stopwatch.StartNew();
        TimeSpan Left() => options.ReadyWithin - clock.Elapsed;
        try
        {
            cluster.Redis = await RedisInstance.StartAsync(options.RedisServer, options.Directory, options.Detach, Left(), options.Time);
            cluster.Record(ready: false);
            progress($"redis-server on {cluster.Redis.Address} (pid {cluster.Redis.Process.Pid})");
            cluster.Venue = await VenueInstance.StartAsync(options.VenueAssembly, options.VenueSeed, options.Directory, options.Detach, Left(), options.Time);
            cluster.Record(ready: false);
            progress($"venue simulator on {cluster.Venue.Url} (pid {cluster.Venue.Process.Pid})");

            var layout = Layout(options);
            cluster._seeds = layout.Where(s => s.IsExecutor).Select(s => s.Address).ToList();
            foreach (var spec in layout)
            {
                cluster._nodes.Add(new ClusterNode(spec, cluster.Launch(spec)));
                cluster.Record(ready: false);
            }
            foreach (var node in cluster._nodes)
            {
                await cluster.WaitStartedAsync(node, Left());
                progress($"{node.Name} [{string.Join(",", node.Spec.Roles)}] at {node.Spec.Address} (pid {node.Process.Pid}), admin API {node.Spec.AdminUrl}");
            }
            await cluster.WaitAllUpAsync(Left());
            progress("every node is an Up member of the cluster");
            foreach (var gateway in cluster.Gateways)
            {
                await cluster.WaitReadyAsync(gateway, Left());
                progress($"{gateway.Name} ready: {gateway.Spec.GatewayUrl}");
            }
            cluster.Record(ready: true);
            return cluster;
        }
        catch
        {
            await cluster.StopAsync();
            throw;
        }
    }

    private static void Check(LocalClusterOptions options)
    {
        if (options.Executors is < 1 or > 20) throw new LaunchException($"--nodes: {options.Executors} executors; give 1 to 20");
        if (options.Gateways is < 1 or > 5) throw new LaunchException($"gateways: {options.Gateways}; give 1 to 5");
        if (!File.Exists(options.NodeAssembly)) throw new LaunchException($"the node is not built: {options.NodeAssembly} is missing");
        if (!File.Exists(options.VenueAssembly)) throw new LaunchException($"the venue simulator is not built: {options.VenueAssembly} is missing");
        if (options.HoconFile is { } hocon && !File.Exists(hocon)) throw new LaunchException($"--hocon: {hocon} does not exist");
        if (ExecutableOnPath(options.RedisServer) is null)
            throw new LaunchException($"{options.RedisServer} not found: install Redis (apt-get install redis-server)");
    }

    private static string? ExecutableOnPath(string name)
    {
        if (name.Contains('/')) return File.Exists(name) ? name : null;
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>A fresh start: the last run's Redis data and node data go; its logs go too, so each file tells one run.</summary>
    private static void PrepareDirectory(string directory)
    {
        foreach (var stale in new[] { "redis", "nodes", "logs" }.Select(d => Path.Combine(directory, d)).Where(System.IO.Directory.Exists))
            System.IO.Directory.Delete(stale, recursive: true);
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "logs"));
    }

    /// <summary>Executors executor-1..N, then gateways gateway-1..M; every executor is a seed, so any one can restart and rejoin.</summary>
    private static List<NodeSpec> Layout(LocalClusterOptions options)
    {
        var specs = Enumerable.Range(1, options.Executors)
            .Select(i => new NodeSpec($"executor-{i}", [NodeRoles.Executor], LoopbackPorts.Free(), null, LoopbackPorts.Free())).ToList();
        specs.AddRange(Enumerable.Range(1, options.Gateways)
            .Select(i => new NodeSpec($"gateway-{i}", [NodeRoles.Gateway], LoopbackPorts.Free(), LoopbackPorts.Free(), LoopbackPorts.Free())));
        return specs;
    }

    private IReadOnlyDictionary<string, string> EnvironmentOf(NodeSpec spec)
    {
        var environment = new Dictionary<string, string>(_options.NodeEnvironment)
        {
            ["BETEXECUTOR_NODE"] = spec.Name,
            ["BETEXECUTOR_ROLES"] = string.Join(",", spec.Roles),
            ["BETEXECUTOR_HOST"] = "127.0.0.1",
            ["BETEXECUTOR_PORT"] = spec.RemotingPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["BETEXECUTOR_SEEDS"] = string.Join(",", _seeds),
            ["BETEXECUTOR_REDIS"] = Redis.ConnectionString,
            ["BETEXECUTOR_VENUE"] = Venue.Url.AbsoluteUri,
            ["BETEXECUTOR_DATA"] = Path.Combine(Path.GetFullPath(_options.Directory), "nodes", spec.Name, "data"),
            // Every node serves the admin API (docs/admin-api.md) for betexec; the same token for all, by its hash.
            ["BETEXECUTOR_ADMIN_LISTEN"] = $"127.0.0.1:{spec.AdminPort}",
            ["BETEXECUTOR_ADMIN_TOKENS"] = AdminToken.GatewayKeysVariable,
        };
        if (spec.GatewayPort is { } port)
        {
            environment["BETEXECUTOR_GATEWAY_LISTEN"] = $"127.0.0.1:{port}";
            environment["BETEXECUTOR_GATEWAY_KEYS"] = ApiKey.GatewayKeysVariable;
        }
        if (_options.HoconFile is { } hocon) environment["BETEXECUTOR_HOCON"] = Path.GetFullPath(hocon);
        // The log files are for people, and the launcher reads them for readiness: readable lines unless asked otherwise
        // (a node writing to a file would otherwise choose JSON).
        environment.TryAdd("BETEXECUTOR_LOG", "text");
        return environment;
    }

    private ChildProcess Launch(NodeSpec spec) =>
        ChildProcess.Start(spec.Name, "dotnet", [_options.NodeAssembly], EnvironmentOf(spec),
            Path.Combine(_options.Directory, "logs", $"{spec.Name}.log"), Path.GetDirectoryName(_options.NodeAssembly)!, _options.Detach, _options.Time);

    /// <summary>
    /// Starts a new incarnation of a node that is no longer running (stopped or killed by the caller): same name,
    /// ports and data directory. Returns once it joined the running cluster (a member welcomed it); a gateway also
    /// waits until it is ready.
    /// </summary>
    public async Task RestartAsync(ClusterNode node, TimeSpan within)
    {
        if (node.Process.IsRunning) throw new InvalidOperationException($"{node} still runs: stop it first");
        node.Replace(Launch(node.Spec));
        await WaitStartedAsync(node, within);
        await WaitForLogAsync(node, "- Welcome from [", "join the cluster", within);
        if (node.Spec.IsGateway) await WaitReadyAsync(node, within);
        Record(ready: true);
    }

    /// <summary>Waits for the node's start line (it is configured, connected to Redis and its actor system runs).</summary>
    public Task WaitStartedAsync(ClusterNode node, TimeSpan within) => WaitForLogAsync(node, $"Node {node.Name} started", "start", within);

    /// <summary>Waits until the node's current incarnation logged <paramref name="text"/>; fails if it exits first.</summary>
    private static async Task WaitForLogAsync(ClusterNode node, string text, string what, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!node.Process.ReadLog().Contains(text, StringComparison.Ordinal))
        {
            if (!node.Process.IsRunning) throw new LaunchException($"{node.Name} exited before it could {what}:\n{node.Process.LogTail()}");
            if (clock.Elapsed > within) throw new LaunchException($"{node.Name} did not {what} within {within.TotalSeconds:0} s:\n{node.Process.LogTail()}");
            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Waits until the cluster's leader has moved every node to Up (its log says so): shards are then allocated over
    /// all executors from the first identity on, rather than piled on the first one up and moved later.
    /// </summary>
    private async Task WaitAllUpAsync(TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var logs = string.Concat(_nodes.Select(n => n.Process.ReadLog()));
            var pending = _nodes.Where(n => !logs.Contains($"Leader is moving node [{n.Spec.Address}] to [\"Up\"]", StringComparison.Ordinal)).ToList();
            if (pending.Count == 0) return;
            if (pending.FirstOrDefault(n => !n.Process.IsRunning) is { } gone)
                throw new LaunchException($"{gone.Name} exited before it was Up:\n{gone.Process.LogTail()}");
            if (clock.Elapsed > within)
                throw new LaunchException($"not Up within {within.TotalSeconds:0} s: {string.Join(", ", pending.Select(n => n.Name))}\n{pending[0].Process.LogTail()}");
            await Task.Delay(250);
        }
    }

    /// <summary>Waits until the gateway answers GET /health/ready with 200 (joined, an executor reachable, Redis answers).</summary>
    public async Task WaitReadyAsync(ClusterNode gateway, TimeSpan within)
    {
        using var http = new HttpClient { BaseAddress = gateway.Spec.GatewayUrl, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (!await Http.AnswersOkAsync(http, "health/ready"))
        {
            if (!gateway.Process.IsRunning) throw new LaunchException($"{gateway.Name} exited before it was ready:\n{gateway.Process.LogTail()}");
            if (clock.Elapsed > within)
                throw new LaunchException($"{gateway.Name} not ready within {within.TotalSeconds:0} s (GET {gateway.Spec.GatewayUrl}health/ready):\n{gateway.Process.LogTail()}");
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// Writes cluster.json as things stand: during the start too (ready false), so that <c>down</c> finds every
    /// process already started even if the launcher is interrupted before the cluster is ready.
    /// </summary>
    private void Record(bool ready) => ClusterFile.Write(ClusterFilePath, Describe(ready));

    /// <summary>What cluster.json holds: addresses, the API key, and every process by pid and start time.</summary>
    public ClusterFile Describe(bool ready = true) => new(
        Ready: ready,
        Gateway: Gateways.FirstOrDefault()?.Spec.GatewayUrl?.AbsoluteUri,
        ApiKey: ApiKey.Secret,
        ApiKeyName: ApiKey.Name,
        Venue: Venue?.Url.AbsoluteUri,
        Redis: Redis is null ? null : new RedisEntry(Redis.Address, Redis.Password, Redis.ConnectionString),
        AdminToken: AdminToken.Secret,
        Nodes: _nodes.Select(n => new NodeEntry(n.Name, n.Spec.Roles, n.Process.Pid, n.Process.StartTicks, n.Spec.Address,
            n.Spec.GatewayUrl?.AbsoluteUri, Admin: n.Spec.AdminUrl.AbsoluteUri, Path.GetFullPath(n.Process.LogPath))).ToList(),
        Services: new[] { Venue?.Process, Redis?.Process }.OfType<ChildProcess>().Select(Service).ToList(),
        StartedAt: _startedAt);

    private static ProcessEntry Service(ChildProcess p) => new(p.Name, p.Pid, p.StartTicks, Path.GetFullPath(p.LogPath));

    /// <summary>Stops every process this object started, nodes first (gateways, then executors), then the venue and Redis.</summary>
    public async Task StopAsync()
    {
        var processes = Gateways.Concat(Executors).Select(n => n.Process).ToList();
        await Task.WhenAll(processes.Select(p => p.StopAsync(StopGrace)));
        if (Venue is not null) await Venue.Process.StopAsync(StopGrace);
        if (Redis is not null) await Redis.Process.StopAsync(StopGrace);
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
