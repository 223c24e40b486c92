using Akka;
using Akka.Actor;
using Akka.Persistence;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Pairs;
using BetExecutor.Venues.Contract;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Events;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Tests;

/// <summary>
/// A node died after a pair's positive intent was stored and before its answer was: the request may or may not have
/// reached the venue. The journal is written as the dead node left it, then the account starts again.
/// </summary>
public sealed class RecoverySpecs : ActorSpecBase
{
    private async Task LeaveJournalAsAfterACrashAsync(Domain.Signals.Signal signal)
    {
        var meta = new EventMeta(Start, Alice.Key, signal.PairId, "dead-node", "inc-0");
        await WriteAsync(AccountActor.PersistenceIdFor(Alice), new SignalAccepted(signal, Start.AddSeconds(60)) { Meta = meta });
        await WriteAsync(BetPairActor.PersistenceIdFor(Alice, signal.PairId),
            new PositiveIntentRecorded(signal, PositiveRef(signal), 50m, 2.10m, Start) { Meta = meta });
    }

    private static ClientReference PositiveRef(Domain.Signals.Signal s) => ClientReference.For(s.Identity, s.PairId, LegKind.Positive);

    private static ClientReference HedgeRef(Domain.Signals.Signal s) => ClientReference.For(s.Identity, s.PairId, LegKind.Hedge);

    [Fact]
    public async Task Recovered_pair_finds_the_positive_the_venue_took_and_hedges_it_without_sending_it_again()
    {
        var signal = SignalFor(Alice, "s-1");
        Script(signal, "accept", "accept");
        await LeaveJournalAsAfterACrashAsync(signal);
        // The request had reached the venue before the crash.
        await Venue.PlaceAsync(new LegOrder(Alice, PositiveRef(signal), "match-42", "match-odds", "home", 2.10m, 50m, "EUR"));
        await Clock.AdvanceToAsync(Start.AddSeconds(3), TimeSpan.FromSeconds(10));

        var account = StartAccount(Alice);
        await account.Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10));
        await Clock.WaitUntilIdleAsync(TimeSpan.FromSeconds(10));

        Assert.Single(Venue.Attempts(PositiveRef(signal))); // the pre-crash request only
        Assert.Single(Venue.Held(HedgeRef(signal)));
        var status = await account.Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10));
        Assert.Null(status.ExecutingPairId); // hedged: the identity no longer waits on it
    }

    [Fact]
    public async Task Recovered_pair_whose_positive_never_reached_the_venue_ends_rejected_without_placing_anything()
    {
        var signal = SignalFor(Alice, "s-1");
        Script(signal, "accept", "accept");
        await LeaveJournalAsAfterACrashAsync(signal);
        await Clock.AdvanceToAsync(Start.AddSeconds(3), TimeSpan.FromSeconds(10));

        var account = StartAccount(Alice);
        await account.Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10));
        await Clock.AdvanceToAsync(Start.AddMinutes(5), TimeSpan.FromSeconds(10)); // past the window and the late-acceptance watch

        Assert.Empty(Venue.AllAttempts());
        var status = await account.Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10));
        Assert.Empty(status.PairsInFlight);
        Assert.Empty(status.Exposures);
        Assert.Equal(Start.AddSeconds(60), status.CooldownUntil); // restored from the event, not restarted
    }

    [Fact]
    public async Task A_pair_whose_intent_is_recorded_only_after_a_restart_runs_the_cooldown_from_its_intent()
    {
        var signal = SignalFor(Alice, "s-1");
        Script(signal, "accept", "accept");
        // The node died after accepting the signal and before the pair recorded its intent.
        await WriteAsync(AccountActor.PersistenceIdFor(Alice),
            new SignalAccepted(signal, Start.AddSeconds(60)) { Meta = new EventMeta(Start, Alice.Key, "s-1", "dead-node", "inc-0") });
        await Clock.AdvanceToAsync(Start.AddSeconds(5), TimeSpan.FromSeconds(10));

        var account = StartAccount(Alice);
        await account.Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10));
        await Clock.WaitUntilIdleAsync(TimeSpan.FromSeconds(10));
        var status = await account.Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10));

        Assert.Single(Venue.Attempts(PositiveRef(signal))); // placed 5 s late, within the start delay
        Assert.Equal(Start.AddSeconds(65), status.CooldownUntil);
    }

    private async Task WriteAsync(string persistenceId, object e)
    {
        var writer = Sys.ActorOf(Props.Create(() => new EventWriter(persistenceId)));
        await writer.Ask<Done>(e, TimeSpan.FromSeconds(10));
        await writer.GracefulStop(TimeSpan.FromSeconds(5));
    }

    /// <summary>Persists whatever it is sent under a given persistence id: the journal as another node left it.</summary>
    private sealed class EventWriter : ReceivePersistentActor
    {
        public EventWriter(string persistenceId)
        {
            PersistenceId = persistenceId;
            CommandAny(e => Persist(e, _ => Sender.Tell(Done.Instance)));
        }

        public override string PersistenceId { get; }
    }
}
