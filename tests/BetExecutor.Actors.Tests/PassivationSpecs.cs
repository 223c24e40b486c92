using System.Collections.Concurrent;
using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.Journal;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Time;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Scripts;
using BetExecutor.Venues.Simulator;

namespace BetExecutor.Actors.Tests;

/// <summary>
/// Issue 10 item 4: accounts as sharded entities (a one-node cluster, remember-entities on, the coordinator and the
/// remembered entities in the journal) on a virtual clock. An idle account passivates itself; one with a pair in flight
/// never does; a passivated account comes back from its journal with its cooldown and its seen signal ids; and a node
/// started again on the same journal starts the account with a pair in flight, not the passivated one.
/// </summary>
public sealed class PassivationSpecs : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private static readonly Identity Hedger = Identity.Create("exchange", "main", "hedger");
    private const int Shards = 10;

    /// <summary>A pair whose event starts a minute after the start has settled by then (polls every 30 s after kick-off).</summary>
    private static readonly DateTimeOffset Settled = Start + TimeSpan.FromMinutes(10);

    private readonly string _journal = Guid.NewGuid().ToString("N");
    private readonly VirtualClock _clock = new(Start);
    private readonly VenueSimulator _venue;
    private readonly ExecutorServices _services;
    private readonly List<ActorSystem> _systems = [];

    public PassivationSpecs()
    {
        _venue = new VenueSimulator(_clock.AsTimeProvider(), seed: 5);
        _services = new ExecutorServices(_clock, new SingleVenueDirectory(_venue), ExecutorSettings.Default("spec-node"), NoObserver.Instance);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var system in _systems) await system.Terminate();
        SharedMemoryJournal.Forget(_journal);
    }

    [Fact]
    public async Task An_account_with_nothing_in_flight_stops_after_the_idle_period_and_not_before()
    {
        var region = await StartNodeAsync();
        var alice = Identity.Create("bookie", "brand1", "alice");
        var signal = SignalFor(alice, "s-1", startsIn: TimeSpan.FromMinutes(1));
        Script(signal);
        Assert.Equal(SignalAnswerKind.Executed, (await SendAsync(region, signal)).Kind);
        await _clock.AdvanceToAsync(signal.Event.StartsAt + TimeSpan.FromMinutes(5), Patience); // kick-off and settlement
        var settled = await StatusAsync(region, alice);
        Assert.Empty(settled.PairsInFlight);
        var quietSince = _clock.UtcNow;

        await _clock.AdvanceToAsync(quietSince + Idle - TimeSpan.FromSeconds(1), Patience);
        Assert.Contains(alice.Key, await LiveEntitiesAsync(region));

        await _clock.AdvanceToAsync(quietSince + Idle + TimeSpan.FromSeconds(1), Patience);
        await UntilAsync(async () => !(await LiveEntitiesAsync(region)).Contains(alice.Key), "the idle account to stop");
    }

    [Fact]
    public async Task An_account_with_a_pair_in_flight_never_passivates()
    {
        var region = await StartNodeAsync();
        var bob = Identity.Create("bookie", "brand1", "bob");
        var signal = SignalFor(bob, "s-1");
        Script(signal);
        Assert.Equal(SignalAnswerKind.Executed, (await SendAsync(region, signal)).Kind);

        // Five idle periods with no message: its pair is hedged and waits for kick-off.
        await _clock.AdvanceToAsync(Start + 5 * Idle, Patience);

        Assert.Contains(bob.Key, await LiveEntitiesAsync(region));
        var status = await StatusAsync(region, bob);
        Assert.Equal(["s-1"], status.PairsInFlight);
    }

    [Fact]
    public async Task A_passivated_account_woken_by_a_signal_still_enforces_its_cooldown_and_knows_its_signal_ids()
    {
        var region = await StartNodeAsync();
        var carol = Identity.Create("bookie", "brand1", "carol");
        var first = SignalFor(carol, "s-1", startsIn: TimeSpan.FromMinutes(1));
        Script(first);
        var executed = await SendAsync(region, first);
        Assert.Equal(SignalAnswerKind.Executed, executed.Kind);
        // The cooldown (60 s by default) ends long after the account passivates, if passivation came at once.
        var settings = ExecutorSettings.Default("spec-node");
        Assert.True(settings.Account.Cooldown > TimeSpan.Zero);

        // Settled within a few minutes; then stopped after the idle period.
        await _clock.AdvanceToAsync(Settled, Patience);
        await _clock.AdvanceToAsync(Settled + Idle + TimeSpan.FromSeconds(1), Patience);
        await UntilAsync(async () => !(await LiveEntitiesAsync(region)).Contains(carol.Key), "the idle account to stop");

        // Woken by the same signal id: a duplicate of the first, executed; nothing placed again.
        var repeat = await SendAsync(region, first);
        Assert.Equal(SignalAnswerKind.Duplicate, repeat.Kind);
        Assert.True(repeat.First?.Accepted);
        Assert.Single(_venue.Attempts(ClientReference.For(carol, "s-1", LegKind.Positive)));
        Assert.Equal(executed.CooldownUntil, repeat.CooldownUntil);
    }

    [Fact]
    public async Task A_woken_account_refuses_a_signal_inside_the_cooldown_it_had_before_it_passivated()
    {
        // A cooldown longer than the idle period: the account passivates while it still runs.
        var services = _services with
        {
            Settings = _services.Settings with { Account = _services.Settings.Account with { Cooldown = TimeSpan.FromMinutes(30) } },
        };
        var region = await StartNodeAsync(services);
        var dave = Identity.Create("bookie", "brand1", "dave");
        var first = SignalFor(dave, "s-1", startsIn: TimeSpan.FromMinutes(1));
        Script(first);
        var executed = await SendAsync(region, first);
        Assert.Equal(SignalAnswerKind.Executed, executed.Kind);

        await _clock.AdvanceToAsync(Settled, Patience);
        await _clock.AdvanceToAsync(Settled + Idle + TimeSpan.FromSeconds(1), Patience);
        Assert.True(_clock.UtcNow < executed.CooldownUntil, "the cooldown ended before the account passivated: the test proves nothing");
        await UntilAsync(async () => !(await LiveEntitiesAsync(region)).Contains(dave.Key), "the idle account to stop");

        var second = SignalFor(dave, "s-2");
        Script(second);
        var refused = await SendAsync(region, second);

        Assert.Equal(SignalAnswerKind.Rejected, refused.Kind);
        Assert.Equal(DenialReason.Cooldown, refused.Reason);
        Assert.Equal(executed.CooldownUntil, refused.CooldownUntil);
        Assert.Empty(_venue.Attempts(ClientReference.For(dave, "s-2", LegKind.Positive)));
    }

    [Fact]
    public async Task A_node_started_again_starts_the_remembered_account_with_a_pair_in_flight_and_not_the_passivated_one()
    {
        var (idle, busy) = TwoIdentitiesInOneShard();
        var region = await StartNodeAsync();
        var quick = SignalFor(idle, "quick", startsIn: TimeSpan.FromMinutes(1));
        Script(quick);
        var slow = SignalFor(busy, "slow");
        Script(slow);
        Assert.Equal(SignalAnswerKind.Executed, (await SendAsync(region, quick)).Kind);
        Assert.Equal(SignalAnswerKind.Executed, (await SendAsync(region, slow)).Kind);
        await _clock.AdvanceToAsync(Settled, Patience);
        await _clock.AdvanceToAsync(Settled + Idle + TimeSpan.FromSeconds(1), Patience);
        await UntilAsync(async () => !(await LiveEntitiesAsync(region)).Contains(idle.Key), "the idle account to stop");
        Assert.Contains(busy.Key, await LiveEntitiesAsync(region));

        // The node stops (its whole actor system) and starts again on the same journal; no message is sent to either.
        var first = _systems[0];
        await CoordinatedShutdown.Get(first).Run(CoordinatedShutdown.ClrExitReason.Instance);
        await first.WhenTerminated;
        var restarted = await StartNodeAsync();

        await UntilAsync(async () => (await LiveEntitiesAsync(restarted)).Contains(busy.Key), "the account with a pair in flight to be started");
        Assert.DoesNotContain(idle.Key, await LiveEntitiesAsync(restarted));
        Assert.Equal(["slow"], (await StatusAsync(restarted, busy)).PairsInFlight);
    }

    /// <summary>Two identities whose accounts live in the same shard: the shard's start would start both if both were remembered.</summary>
    private static (Identity Idle, Identity Busy) TwoIdentitiesInOneShard()
    {
        var extractor = new AccountMessageExtractor(Shards);
        var idle = Identity.Create("bookie", "brand1", "idle");
        var shard = extractor.ShardId(idle.Key);
        var busy = Enumerable.Range(0, 1000).Select(i => Identity.Create("bookie", "brand1", $"busy{i}"))
            .First(i => extractor.ShardId(i.Key) == shard);
        return (idle, busy);
    }

    private async Task<IActorRef> StartNodeAsync(ExecutorServices? services = null)
    {
        var config = ConfigurationFactory.ParseString($$"""
            akka.actor.provider = cluster
            akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
            akka.loglevel = WARNING
            akka.cluster {
              downing-provider-class = ""
              sharding {
                remember-entities = on
                remember-entities-store = eventsourced
                state-store-mode = persistence
                retry-interval = 200ms
              }
            }
            akka.persistence {
              journal {
                plugin = "akka.persistence.journal.shared"
                shared {
                  class = "{{typeof(SharedMemoryJournal).AssemblyQualifiedName}}"
                  plugin-dispatcher = "akka.actor.default-dispatcher"
                  store = "{{_journal}}"
                }
              }
              snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            }
            akka.actor {
              serializers.betexec-json = "BetExecutor.Actors.Serialization.BetExecutorJsonSerializer, BetExecutor.Actors"
              serialization-bindings {
                "BetExecutor.Domain.Events.IDomainEvent, BetExecutor.Domain" = betexec-json
                "BetExecutor.Domain.Events.IDomainSnapshot, BetExecutor.Domain" = betexec-json
                "BetExecutor.Actors.IExecutorMessage, BetExecutor.Actors" = betexec-json
              }
              serialization-identifiers."BetExecutor.Actors.Serialization.BetExecutorJsonSerializer, BetExecutor.Actors" = 4711
            }
            """);
        var system = ActorSystem.Create("passivation", config);
        _systems.Add(system);
        var cluster = Akka.Cluster.Cluster.Get(system);
        var up = new TaskCompletionSource();
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(Patience);
        var accountServices = services ?? _services;
        var region = await ClusterSharding.Get(system).StartAsync(
            AccountMessageExtractor.TypeName,
            entityId => AccountActor.Props(Identity.ParseKey(entityId), accountServices, Idle),
            ClusterShardingSettings.Create(system),
            new AccountMessageExtractor(Shards));
        _clock.SettlesWhen(new ActorTreeQuiescence(system, TimeSpan.FromSeconds(5)));
        return region;
    }

    private Signal SignalFor(Identity identity, string signalId, TimeSpan? startsIn = null) =>
        new(signalId, identity,
            new SportEvent($"event-{signalId}", _clock.UtcNow + (startsIn ?? TimeSpan.FromHours(6))),
            new PositiveLegSpec("match-odds", "home", 2.10m, 50m, "EUR"),
            new HedgeLegSpec(Hedger, "match-odds", "not-home", 2.05m, 1.95m));

    /// <summary>Both legs accepted; they settle after the event's kick-off.</summary>
    private void Script(Signal signal)
    {
        _venue.Script(ClientReference.For(signal.Identity, signal.PairId, LegKind.Positive),
            new LegScript(PlaceScript.Parse("accept", "positive"), SettlementState.Won, TimeSpan.Zero));
        _venue.Script(ClientReference.For(signal.Identity, signal.PairId, LegKind.Hedge),
            new LegScript(PlaceScript.Parse("accept", "hedge"), SettlementState.Lost, TimeSpan.Zero));
    }

    private async Task<SignalAnswer> SendAsync(IActorRef region, Signal signal)
    {
        var answer = await region.Ask<SignalAnswer>(new ExecuteSignal(signal, _clock.UtcNow), Patience);
        await _clock.WaitUntilIdleAsync(Patience);
        return answer;
    }

    private static Task<AccountStatus> StatusAsync(IActorRef region, Identity identity) =>
        region.Ask<AccountStatus>(new GetAccountStatus(identity), Patience);

    /// <summary>The entity ids the region's shards run now.</summary>
    private static async Task<IReadOnlySet<string>> LiveEntitiesAsync(IActorRef region)
    {
        var state = await region.Ask<CurrentShardRegionState>(GetShardRegionState.Instance, Patience);
        return state.Shards.SelectMany(s => s.EntityIds).ToHashSet();
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"{what}: not within {Patience}");
            await Task.Delay(50);
        }
    }
}

/// <summary>
/// An in-memory journal whose events are kept per store name across actor systems: a node started again in the same
/// process reads what the previous one wrote, as it would from Redis.
/// </summary>
public sealed class SharedMemoryJournal : AsyncWriteJournal
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, List<IPersistentRepresentation>>> Stores = new();
    private readonly ConcurrentDictionary<string, List<IPersistentRepresentation>> _events;

    public SharedMemoryJournal(Config config) =>
        _events = Stores.GetOrAdd(config.GetString("store"), _ => new ConcurrentDictionary<string, List<IPersistentRepresentation>>());

    public static void Forget(string store) => Stores.TryRemove(store, out _);

    private List<IPersistentRepresentation> Of(string persistenceId) => _events.GetOrAdd(persistenceId, _ => []);

    protected override Task<IImmutableList<Exception?>> WriteMessagesAsync(IEnumerable<AtomicWrite> messages, CancellationToken cancellationToken)
    {
        foreach (var write in messages)
        {
            var events = Of(write.PersistenceId);
            lock (events) events.AddRange((IEnumerable<IPersistentRepresentation>)write.Payload);
        }
        return Task.FromResult<IImmutableList<Exception?>>(null!);
    }

    protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken)
    {
        var events = Of(persistenceId);
        // The highest sequence number stays known: the last event is kept, as Akka's journals must.
        lock (events) events.RemoveAll(e => e.SequenceNr <= toSequenceNr && e.SequenceNr != events[^1].SequenceNr);
        return Task.CompletedTask;
    }

    public override Task ReplayMessagesAsync(IActorContext context, string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<IPersistentRepresentation> recoveryCallback)
    {
        var events = Of(persistenceId);
        IPersistentRepresentation[] replay;
        lock (events) replay = events.Where(e => e.SequenceNr >= fromSequenceNr && e.SequenceNr <= toSequenceNr).Take((int)Math.Min(max, int.MaxValue)).ToArray();
        foreach (var e in replay) recoveryCallback(e);
        return Task.CompletedTask;
    }

    public override Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken)
    {
        var events = Of(persistenceId);
        lock (events) return Task.FromResult(events.Count == 0 ? 0L : events[^1].SequenceNr);
    }
}
