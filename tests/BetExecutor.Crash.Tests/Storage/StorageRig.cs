using System.Diagnostics;
using BetExecutor.Actors.Accounts;
using BetExecutor.Venues.Scripts;
using BetExecutor.Crash.Tests.Support;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using BetExecutor.Venue.Simulator;

namespace BetExecutor.Crash.Tests.Storage;

/// <summary>
/// Real processes for the storage-fault tests: a durable redis-server of the test's own (paused, resumed and flushed
/// by its pid / its port), the HTTP venue simulator (the ground truth), and node processes fed on standard input,
/// each with the test's data directory. Only what the test started is stopped, by its pid.
/// </summary>
public sealed class StorageRig : IAsyncDisposable
{
    public const string Hocon = """
        bet-executor {
          cooldown = 20s
          max-signal-age = 5s
          max-start-delay = 5s
          unknown-window = 3s
          first-lookup-delay = 200ms
          max-lookup-delay = 1s
          late-acceptance-watch = 1s
          late-acceptance-check-every = 500ms
          hedge-retry-delay = 200ms
          settlement-poll-interval = 300ms
          max-settlement-polls = 15
          pair-restart-delay = 500ms
        }
        # The shard leases outlast the stall of the stall test (13 s): it is the journal's answer to a stall that is
        # under test, not the lease's (a longer stall loses the leases, and the accounts stop: fail closed). A restart
        # after a kill waits for the killed incarnation's leases to expire (at most heartbeat-timeout).
        akka.coordination.lease.redis {
          heartbeat-timeout = 24s
          heartbeat-interval = 2s
          lease-operation-timeout = 5s
        }
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("betexecutor-storage-").FullName;
    private readonly List<NodeProcess> _nodes = [];
    private int _incarnation;

    private StorageRig(RedisServerProcess redis, VenueSimulatorServer venue, NodeLog log)
    {
        Redis = redis;
        Venue = venue;
        Log = log;
    }

    public RedisServerProcess Redis { get; }
    public VenueSimulatorServer Venue { get; }
    public NodeLog Log { get; }
    public ExecutorFeed Feed { get; } = new();
    public string DataDirectory => Path.Combine(_directory, "data");
    public bool Passed { get; set; }

    public static async Task<StorageRig> StartAsync()
    {
        var redis = await RedisServerProcess.StartNewAsync(durable: true);
        var venue = await VenueSimulatorServer.StartAsync(new VenueServerOptions { Seed = 8 });
        var directory = Directory.CreateTempSubdirectory("betexecutor-storage-log-").FullName;
        var rig = new StorageRig(redis, venue, new NodeLog(Path.Combine(directory, "node.log")));
        await File.WriteAllTextAsync(Path.Combine(rig._directory, "node.conf"), Hocon);
        return rig;
    }

    public static Identity Account(int n) => Identity.Create("bookie", "brand1", $"acct-{n}");

    public static readonly Identity Hedger = Identity.Create("exchange", "main", "hedger-1");

    public static ClientReference PositiveRef(Signal s) => ClientReference.For(s.Identity, s.PairId, LegKind.Positive);

    public static ClientReference HedgeRef(Signal s) => ClientReference.For(s.Identity, s.PairId, LegKind.Hedge);

    /// <summary>A node process; waits until it answers a status, unless it exits first (then returns it, exited).</summary>
    public async Task<NodeProcess> StartNodeAsync(bool adopt = false)
    {
        var incarnation = ++_incarnation;
        var environment = new Dictionary<string, string>
        {
            ["BETEXECUTOR_NODE"] = "storage-node",
            ["BETEXECUTOR_REDIS"] = Redis.ConnectionString,
            ["BETEXECUTOR_VENUE"] = Venue.BaseAddress.AbsoluteUri,
            ["BETEXECUTOR_HOCON"] = Path.Combine(_directory, "node.conf"),
            ["BETEXECUTOR_FEED"] = "stdin",
            ["BETEXECUTOR_DATA"] = DataDirectory,
        };
        if (adopt) environment["BETEXECUTOR_ADOPT_STORAGE"] = "yes";
        var node = NodeProcess.Start(incarnation, environment, Log, line => Feed.OnStdout(incarnation, line));
        _nodes.Add(node);
        Feed.Attach(node);
        var started = Stopwatch.StartNew();
        while (started.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (node.HasExited) return node;
            if (await Feed.StatusWithin(Account(0), TimeSpan.FromSeconds(10)) is not null) return node;
        }
        throw new TimeoutException($"the node did not answer a status within 60 s{Environment.NewLine}{Log.Tail()}");
    }

    /// <summary>Scripts both legs at the venue (positive as given, hedge accepted) and sends the signal; kick-off in an hour.</summary>
    public Signal Send(Identity identity, string signalId, PlaceScript? positive = null, TimeSpan? visibleAfter = null)
    {
        var signal = new Signal(signalId, identity,
            new SportEvent($"event-{signalId}", DateTimeOffset.UtcNow.AddHours(1)),
            new PositiveLegSpec("match-odds", "home", 2.10m, 50m, "EUR"),
            new HedgeLegSpec(Hedger, "match-odds", "not-home", 2.05m, 1.95m));
        Venue.Script(PositiveRef(signal), new LegScript(positive ?? PlaceScript.Accept, SettlementState.Won, visibleAfter ?? TimeSpan.Zero));
        Venue.Script(HedgeRef(signal), new LegScript(PlaceScript.Accept, SettlementState.Lost, TimeSpan.Zero));
        Feed.Send(signal, Plan(signal));
        return signal;
    }

    /// <summary>The feed keys what it sent by a plan; these tests only need the signal's identity and id.</summary>
    private static PlannedSignal Plan(Signal s) =>
        new(0, s.Identity, Hedger, s.Positive.Stake, new LegScript(PlaceScript.Accept, SettlementState.Won, TimeSpan.Zero), "",
            new LegScript(PlaceScript.Accept, SettlementState.Lost, TimeSpan.Zero), "", TimeSpan.Zero);

    public void SendAgain(SentSignal sent) => Feed.Send(sent.Signal, sent.Plan);

    public async Task<AccountStatus> StatusAsync(Identity identity) =>
        await Feed.StatusWithin(identity, TimeSpan.FromSeconds(15)) ?? throw new TimeoutException($"no status for {identity}{Environment.NewLine}{Log.Tail()}");

    /// <summary>Waits for a condition that real processes reach in their own time; fails with the node log's tail.</summary>
    public async Task UntilAsync(Func<Task<bool>> done, TimeSpan within, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            if (clock.Elapsed > within) throw new TimeoutException($"{what}: not within {within}{Environment.NewLine}{Log.Tail()}");
            await Task.Delay(200);
        }
    }

    public async Task KillNodesAsync()
    {
        foreach (var node in _nodes) await node.KillAsync();
        Feed.Attach(null);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            try { await node.DisposeAsync(); }
            catch (TimeoutException) { /* reported by the test's own failure, if any */ }
        }
        if (Redis.IsRunning) Redis.Resume(); // a paused server would not die on SIGKILL's wait otherwise
        await Redis.DisposeAsync();
        await Venue.DisposeAsync();
        Log.Dispose();
        if (Passed)
        {
            try { Directory.Delete(_directory, recursive: true); }
            catch (IOException) { /* a leftover temp directory is harmless */ }
        }
    }
}
