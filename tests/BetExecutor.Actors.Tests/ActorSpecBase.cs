using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Akka.Persistence.TestKit;
using BetExecutor.Actors;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Time;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Scripts;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;

namespace BetExecutor.Actors.Tests;

/// <summary>
/// Runs the account and pair actors directly (no cluster) in a real ActorSystem whose journal is Akka's
/// fault-injecting test journal, against the venue simulator on a virtual clock.
/// </summary>
public abstract class ActorSpecBase : Akka.TestKit.Xunit2.TestKit
{
    protected static readonly DateTimeOffset Start = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    protected static readonly Identity Alice = Identity.Create("bookie", "brand1", "alice");
    protected static readonly Identity Hedger = Identity.Create("exchange", "main", "hedger");

    /// <summary>The executor's serializer bindings, as reference.conf has them: events, snapshots and messages as versioned JSON.</summary>
    internal static readonly Config Serialization = ConfigurationFactory.ParseString("""
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

    private static readonly Config TestConfig = ConfigurationFactory.ParseString("""
        akka.persistence {
          journal {
            plugin = "akka.persistence.journal.test"
            test {
              class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
              plugin-dispatcher = "akka.actor.default-dispatcher"
            }
          }
          snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        }
        """).WithFallback(Serialization);

    protected ActorSpecBase() : base(TestConfig)
    {
        Clock = new VirtualClock(Start);
        // An account that does not answer its status within 5 s (of the 10 s a settling may take) is taken as still recovering or stopping.
        Clock.SettlesWhen(new ActorTreeQuiescence(Sys, TimeSpan.FromSeconds(5)));
        Venue = new VenueSimulator(Clock.AsTimeProvider(), seed: 3);
        Services = new ExecutorServices(Clock, new SingleVenueDirectory(Venue), ExecutorSettings.Default("spec-node"), NoObserver.Instance);
    }

    protected VirtualClock Clock { get; }
    protected VenueSimulator Venue { get; }
    protected ExecutorServices Services { get; }

    protected ITestJournal Journal => TestJournal.FromRef(Persistence.Instance.Apply(Sys).JournalFor(null));

    protected IActorRef StartAccount(Identity identity) => Sys.ActorOf(AccountActor.Props(identity, Services));

    protected static Signal SignalFor(Identity identity, string signalId) =>
        new(signalId, identity,
            new SportEvent("match-42", Start.AddHours(6)),
            new PositiveLegSpec("match-odds", "home", 2.10m, 50m, "EUR"),
            new HedgeLegSpec(Hedger, "match-odds", "not-home", 2.05m, 1.95m));

    protected void Script(Signal signal, string positive, string hedge)
    {
        Venue.Script(ClientReference.For(signal.Identity, signal.PairId, LegKind.Positive), new LegScript(PlaceScript.Parse(positive, "positive"), SettlementState.Won, TimeSpan.Zero));
        Venue.Script(ClientReference.For(signal.Identity, signal.PairId, LegKind.Hedge), new LegScript(PlaceScript.Parse(hedge, "hedge"), SettlementState.Lost, TimeSpan.Zero));
    }

    protected async Task<SignalAnswer> SendAsync(IActorRef account, Signal signal)
    {
        var answer = await account.Ask<SignalAnswer>(new ExecuteSignal(signal), TimeSpan.FromSeconds(10));
        await Clock.WaitUntilIdleAsync(TimeSpan.FromSeconds(10));
        return answer;
    }
}
