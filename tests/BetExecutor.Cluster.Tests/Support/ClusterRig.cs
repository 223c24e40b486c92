using System.Diagnostics;
using BetExecutor.Domain.Legs;
using BetExecutor.LocalCluster;
using BetExecutor.Venues.Http;
using BetExecutor.Venues.Scripts;
using Xunit.Abstractions;

namespace BetExecutor.Cluster.Tests.Support;

/// <summary>
/// One test's cluster, started by the launcher that scripts/local-cluster runs (<see cref="LaunchedCluster"/>):
/// redis-server, the HTTP venue simulator, executor nodes and gateway nodes as processes on loopback ports, with
/// <see cref="TestTimings"/>. Its directory (logs, Redis files) is kept when the test fails, and named in the output.
/// </summary>
public sealed class ClusterRig : IAsyncDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly HttpVenueControl _venue;

    private ClusterRig(LaunchedCluster cluster, ITestOutputHelper output)
    {
        Cluster = cluster;
        _output = output;
        _venue = new HttpVenueControl(cluster.Venue.Url);
        Gateways = cluster.Gateways.Select(g => new GatewayClient(g.Name, g.Spec.GatewayUrl!, cluster.ApiKey.Secret)).ToList();
    }

    public LaunchedCluster Cluster { get; }
    public IReadOnlyList<GatewayClient> Gateways { get; }
    public GatewayClient Gateway => Gateways[0];
    public IEnumerable<ClusterNode> Executors => Cluster.Executors;
    public bool Passed { get; set; }

    public static async Task<ClusterRig> StartAsync(ITestOutputHelper output, int executors = 3, int gateways = 1)
    {
        var directory = Directory.CreateTempSubdirectory("betexecutor-cluster-").FullName;
        var hocon = Path.Combine(directory, "test.conf");
        await File.WriteAllTextAsync(hocon, TestTimings.Hocon);
        var clock = Stopwatch.StartNew();
        var cluster = await LaunchedCluster.StartAsync(new LocalClusterOptions
        {
            Directory = directory,
            NodeAssembly = Path.Combine(AppContext.BaseDirectory, "node", "BetExecutor.Node.dll"),
            VenueAssembly = Path.Combine(AppContext.BaseDirectory, "venue", "BetExecutor.Venue.Simulator.dll"),
            Executors = executors,
            Gateways = gateways,
            HoconFile = hocon,
            ReadyWithin = TimeSpan.FromSeconds(150),
        });
        output.WriteLine($"cluster of {executors} executors and {gateways} gateways ready in {clock.Elapsed.TotalSeconds:0.0} s; directory {directory}");
        return new ClusterRig(cluster, output);
    }

    public Task ScriptAsync(ClientReference reference, string place, SettlementState settle) =>
        _venue.ScriptAsync(reference, new LegScript(PlaceScript.Parse(place, "place"), settle, TimeSpan.Zero));

    /// <summary>Scripts both legs: the positive as given (accepted, won by default), the hedge accepted and lost.</summary>
    public async Task ScriptPairAsync(TestSignal signal, string positive = "accept", string hedge = "accept",
        SettlementState positiveSettles = SettlementState.Won, SettlementState hedgeSettles = SettlementState.Lost)
    {
        await ScriptAsync(signal.PositiveReference, positive, positiveSettles);
        await ScriptAsync(signal.HedgeReference, hedge, hedgeSettles);
    }

    public async Task<VenueBook> BookAsync() => new(await _venue.GetBookAsync());

    /// <summary>
    /// The running executor whose current incarnation logged about this signal (its pair's lines carry the pair id,
    /// which is the signal id): the node hosting the signal's identity. Null if none did yet; more than one at once is
    /// a failure of its own.
    /// </summary>
    public ClusterNode? HostOf(TestSignal signal)
    {
        var hosts = Executors.Where(n => n.Process.IsRunning && n.Process.ReadLog().Contains(signal.SignalId, StringComparison.Ordinal)).ToList();
        if (hosts.Count > 1) throw new InvalidOperationException($"{signal} is in the logs of {string.Join(", ", hosts)} at once");
        return hosts.SingleOrDefault();
    }

    /// <summary>Waits for a condition that real processes reach in their own time; on timeout fails with every node's log tail.</summary>
    public async Task UntilAsync(Func<Task<bool>> done, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            if (clock.Elapsed > within) throw new TimeoutException($"{what}: not within {within.TotalSeconds:0} s\n{LogTails()}");
            await Task.Delay(200);
        }
    }

    public Task UntilAsync(Func<bool> done, TimeSpan within, string what) => UntilAsync(() => Task.FromResult(done()), within, what);

    /// <summary>The signal's state through the gateway, once the gateway can say (the identity answers).</summary>
    public async Task<SignalState> StateAsync(TestSignal signal, TimeSpan within)
    {
        SignalState? state = null;
        await UntilAsync(async () => (state = await Gateway.GetAsync(signal)) is not null, within, $"GET state of {signal}");
        return state!;
    }

    /// <summary>Waits until the signal's pair is over, and returns its state.</summary>
    public async Task<SignalState> FinalStateAsync(TestSignal signal, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        SignalState? state = null;
        while ((state = await Gateway.GetAsync(signal) ?? state) is not { Final: true })
        {
            if (clock.Elapsed > within)
                throw new TimeoutException($"pair of {signal} not final within {within.TotalSeconds:0} s (last answer: {state?.ToString() ?? "none"})\n{LogTails()}");
            await Task.Delay(200);
        }
        return state;
    }

    public string LogTails() => string.Join("\n", Cluster.Nodes.Select(n => $"--- {n} log tail:\n{n.Process.LogTail(25)}"));

    public void Print(string line) => _output.WriteLine(line);

    public async ValueTask DisposeAsync()
    {
        foreach (var gateway in Gateways) gateway.Dispose();
        _venue.Dispose();
        await Cluster.DisposeAsync();
        if (Passed)
        {
            try { Directory.Delete(Cluster.Directory, recursive: true); }
            catch (IOException) { /* a leftover temp directory is harmless */ }
        }
        else
        {
            _output.WriteLine($"logs kept in {Cluster.Directory}/logs");
        }
    }
}
