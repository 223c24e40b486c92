using Akka.Actor;
using BetExecutor.Actors;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Time;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Pairs;
using BetExecutor.Domain.Signals;
using BetExecutor.Node.Hosting;
using Serilog;

namespace BetExecutor.Simulation;

/// <summary>
/// An embedded executor node on a virtual clock against the venue simulator: the scenario runner's engine and the
/// system tests' harness. Time moves only when the driver moves it, and only once the node has settled (every
/// account idle, every pair in flight parked on a timer: <see cref="ActorTreeQuiescence"/>), so runs are the same on
/// any machine and under any load. The venue and the clock live outside the node and survive its restarts.
/// </summary>
public sealed class ExecutorSimulation : IAsyncDisposable
{
    /// <summary>Real-time guard for one request or one settling of the node; a run that needs more is hung, not slow.</summary>
    public static readonly TimeSpan RealTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long the quiescence probe waits for an account's status before taking it as still recovering.</summary>
    public static readonly TimeSpan StatusTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A one-node cluster that forms and leaves in a few hundred milliseconds instead of seconds: a scenario with
    /// restarts starts and stops a node several times. Only real-time pacing changes; nothing a scenario shows does.
    /// A restart is graceful: the stopping node releases its shard leases (with Redis), so the next one takes them at once.
    /// </summary>
    private static readonly Akka.Configuration.Config QuickCluster = Akka.Configuration.ConfigurationFactory.ParseString("""
        akka.cluster {
          periodic-tasks-initial-delay = 0s
          gossip-interval = 100ms
          leader-actions-interval = 100ms
          singleton.hand-over-retry-interval = 100ms
          sharding.retry-interval = 200ms
        }
        # A passivation timer only frees memory, yet it would move a scenario's virtual time on after its last pair.
        bet-executor.account-idle-passivation = off
        """);

    private readonly ExecutorSettings _settings;
    private readonly ILogger _logger;
    private readonly string? _redis;
    private Akka.Configuration.Config _hocon = QuickCluster;
    private readonly string _redisKeyPrefix;
    private readonly IVenueDirectory _venues;
    private readonly HashSet<Identity> _identities = [];
    private int _incarnations;
    /// <summary>Told of everything besides <see cref="Observer"/> (e.g. a test's metrics); it outlives restarts like the clock.</summary>
    private IExecutorObserver? _extraObserver;

    private ExecutorSimulation(
        VirtualClock clock, VenueSimulator venue, IVenueDirectory venues, ExecutorSettings settings, ILogger logger, string? redis, string redisKeyPrefix)
    {
        _redisKeyPrefix = redisKeyPrefix;
        Clock = clock;
        Venue = venue;
        _venues = venues;
        _settings = settings;
        _logger = logger;
        _redis = redis;
    }

    public VirtualClock Clock { get; }
    public VenueSimulator Venue { get; }
    public RecordingObserver Observer { get; } = new();
    public EmbeddedNode Node { get; private set; } = null!;
    public ExecutorSettings Settings => _settings;

    /// <summary>Where this run's keys live in Redis (when it persists there).</summary>
    public string RedisKeyPrefix => _redisKeyPrefix;

    /// <param name="venues">Where legs are placed; the in-process simulator when null.</param>
    /// <param name="redisKeyPrefix">Prefix of this run's Redis keys; a fresh one when null, so a run never reads or
    /// writes a deployment's keys or an earlier run's.</param>
    /// <param name="hocon">A deployment's overrides (as BETEXECUTOR_HOCON gives a node), e.g. the Redis plugin's retention.</param>
    public static async Task<ExecutorSimulation> StartAsync(
        DateTimeOffset start, int seed, ExecutorSettings settings, ILogger logger, string? redis = null, IVenueDirectory? venues = null,
        string? redisKeyPrefix = null, Akka.Configuration.Config? hocon = null, Func<VirtualClock, IExecutorObserver>? observer = null)
    {
        var clock = new VirtualClock(start);
        var venue = new VenueSimulator(clock.AsTimeProvider(), seed);
        var simulation = new ExecutorSimulation(
            clock, venue, venues ?? new SingleVenueDirectory(venue), settings, logger, redis, redisKeyPrefix ?? SimulationKeyPrefix.New("simulation", TimeProvider.System))
        {
            _hocon = hocon is null ? QuickCluster : hocon.WithFallback(QuickCluster),
        };
        simulation._extraObserver = observer?.Invoke(clock);
        await simulation.StartNodeAsync();
        return simulation;
    }

    private async Task StartNodeAsync()
    {
        var incarnation = ++_incarnations;
        var settings = _settings with { Incarnation = $"{_settings.Incarnation}-{incarnation}" };
        var services = new ExecutorServices(Clock, _venues, settings, _extraObserver is null ? Observer : new ObserverGroup(Observer, _extraObserver));
        Node = await EmbeddedNode.StartAsync(new NodeOptions(settings.Node, RedisConnectionString: _redis, ExtraHocon: _hocon, RedisKeyPrefix: _redisKeyPrefix), services, _logger);
        // The probe reads this incarnation's actor tree; the previous one's timers die with its actors.
        // An account that does not answer its status within StatusTimeout is recovering (its storage may be down).
        Clock.SettlesWhen(new ActorTreeQuiescence(Node.System, StatusTimeout));
    }

    public async Task<SignalAnswer> ExecuteAsync(Signal signal, TimeSpan? timeout = null)
    {
        _identities.Add(signal.Identity);
        var answer = await Node.Accounts.Ask<SignalAnswer>(new ExecuteSignal(signal, Clock.UtcNow), timeout ?? RealTimeout);
        await Clock.WaitUntilIdleAsync(RealTimeout);
        return answer;
    }

    public Task<OperatorAnswer> HaltAsync(Identity identity, string reason, string by = "simulation") =>
        OperatorAsync(new HaltIdentity(identity, reason, by));

    public Task<OperatorAnswer> ResumeAsync(Identity identity, string reason, string by = "simulation") =>
        OperatorAsync(new ResumeIdentity(identity, reason, by));

    public Task<OperatorAnswer> ResolveExposureAsync(Identity identity, string pairId, string reason, string by = "simulation") =>
        OperatorAsync(new ResolveExposure(identity, pairId, reason, by));

    private async Task<OperatorAnswer> OperatorAsync(IAccountCommand command)
    {
        _identities.Add(command.Identity);
        var answer = await Node.Accounts.Ask<OperatorAnswer>(command, RealTimeout);
        await Clock.WaitUntilIdleAsync(RealTimeout);
        return answer;
    }

    public async Task<AccountStatus> StatusAsync(Identity identity)
    {
        _identities.Add(identity);
        var status = await Node.Accounts.Ask<AccountStatus>(new GetAccountStatus(identity), RealTimeout);
        await Clock.WaitUntilIdleAsync(RealTimeout);
        return status;
    }

    public Task AdvanceToAsync(DateTimeOffset instant) => Clock.AdvanceToAsync(instant, RealTimeout);

    public Task AdvanceByAsync(TimeSpan span) => Clock.AdvanceToAsync(Clock.UtcNow + span, RealTimeout);

    /// <summary>Lets time run until no pair waits for anything (every pair finished), or until <paramref name="limit"/>.</summary>
    public async Task<DateTimeOffset> RunUntilQuietAsync(DateTimeOffset limit)
    {
        var reached = await Clock.RunUntilNoTimersAsync(limit, RealTimeout);
        // Every account has processed its pairs' last reports once it answers a status request after them.
        foreach (var identity in _identities.ToArray()) await StatusAsync(identity);
        return reached;
    }

    /// <summary>
    /// Stops the node's ActorSystem and starts a fresh incarnation on the same storage. Only meaningful with Redis:
    /// the in-memory journal dies with the system. Every identity seen so far is woken so its pairs resume.
    /// </summary>
    public async Task RestartAsync()
    {
        await Node.DisposeAsync();
        await StartNodeAsync();
        // Each status answer comes after the account recovered and started its pairs again; then they must settle.
        foreach (var identity in _identities.ToArray()) await StatusAsync(identity);
    }

    /// <summary>How each pair of <paramref name="identity"/> finished, as its account stored it.</summary>
    public Task<IReadOnlyDictionary<string, PairOutcome>> PersistedOutcomesAsync(Identity identity) =>
        PersistedOutcomes.ReadAsync(Node.System, identity, RealTimeout);

    public async ValueTask DisposeAsync()
    {
        await Node.DisposeAsync();
    }
}
