using Akka.Actor;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Pairs;
using BetExecutor.Venues.Paper;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Events;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Tests;

/// <summary>docs/architecture.md §4: dry run is the same code path with a paper venue; a dry-run identity can never reach a live client.</summary>
public sealed class DryRunSpecs : ActorSpecBase
{
    private ExecutorServices DryRunAlice => Services with
    {
        Settings = Services.Settings with { Policies = IdentityPolicies.Unlimited.With(Alice, new IdentityLimits(DryRun: true)) },
    };

    [Fact]
    public async Task A_dry_run_pair_runs_to_settlement_on_paper_and_never_reaches_the_live_venue()
    {
        var signal = SignalFor(Alice, "s-1");
        Script(signal, "accept", "accept");
        var account = Sys.ActorOf(AccountActor.Props(Alice, DryRunAlice));

        var answer = await SendAsync(account, signal);
        await Clock.AdvanceToAsync(Start.AddHours(7), TimeSpan.FromSeconds(10));
        var status = await account.Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10));

        Assert.Equal(SignalAnswerKind.Executed, answer.Kind);
        Assert.True(answer.DryRun);
        Assert.True(status.DryRun);
        Assert.Empty(status.PairsInFlight); // paper settles both legs void: balanced, finished
        Assert.Empty(status.Exposures);
        Assert.Empty(Venue.AllAttempts()); // the live venue saw nothing at all
    }

    [Fact]
    public async Task Every_event_of_a_dry_run_pair_and_account_is_marked_dry_run()
    {
        var signal = SignalFor(Alice, "s-1");
        var account = Sys.ActorOf(AccountActor.Props(Alice, DryRunAlice));
        await SendAsync(account, signal);
        await Clock.AdvanceToAsync(Start.AddHours(7), TimeSpan.FromSeconds(10));

        var accountEvents = await ReadAsync(AccountActor.PersistenceIdFor(Alice));
        var pairEvents = await ReadAsync(BetPairActor.PersistenceIdFor(Alice, "s-1"));

        Assert.Contains(pairEvents, e => e is PairSettled);
        Assert.All(accountEvents.Concat(pairEvents), e => Assert.True(((IDomainEvent)e).Meta.DryRun, e.GetType().Name));
    }

    [Theory]
    [InlineData("bookie", "brand1", "alice")]
    [InlineData("exchange", "main", "hedger")]
    [InlineData("other", "x", "y")]
    public void A_dry_run_owner_gets_the_paper_client_for_every_leg_whatever_account_it_names(string provider, string whitelabel, string account)
    {
        var leg = Identity.Create(provider, whitelabel, account);

        Assert.IsType<PaperVenueClient>(DryRunAlice.VenueFor(Alice, leg));
        Assert.Same(Venue, Services.VenueFor(Alice, leg)); // and a live owner gets the live client
    }

    private async Task<IReadOnlyList<object>> ReadAsync(string persistenceId)
    {
        var reply = new TaskCompletionSource<object[]>();
        Sys.ActorOf(Props.Create(() => new Replayer(persistenceId, reply)));
        return await reply.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    private sealed class Replayer : Akka.Persistence.ReceivePersistentActor
    {
        private readonly List<object> _events = [];

        public Replayer(string persistenceId, TaskCompletionSource<object[]> reply)
        {
            PersistenceId = persistenceId;
            Recover<Akka.Persistence.RecoveryCompleted>(_ =>
            {
                reply.TrySetResult(_events.ToArray());
                Context.Stop(Self);
            });
            Recover<object>(e => _events.Add(e));
        }

        public override string PersistenceId { get; }

        // Every event, not the snapshot a finished pair takes.
        public override Akka.Persistence.Recovery Recovery => new(Akka.Persistence.SnapshotSelectionCriteria.None);
    }
}
