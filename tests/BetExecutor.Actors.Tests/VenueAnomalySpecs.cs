using Akka.Actor;
using BetExecutor.Actors.Accounts;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Actors.Tests;

/// <summary>
/// Issue 8, item 5, through the real account and pair actors: a venue that answers out of bounds gets no hedge, an
/// open <c>venue-anomaly</c> exposure and a halted identity; a pair that keeps failing ends as <c>pair-failed</c>
/// and halts its identity instead of restarting every few seconds for ever.
/// </summary>
public sealed class VenueAnomalySpecs : ActorSpecBase
{
    private static ClientReference PositiveRef(Domain.Signals.Signal s) => ClientReference.For(s.Identity, s.PairId, LegKind.Positive);

    private static ClientReference HedgeRef(Domain.Signals.Signal s) => ClientReference.For(s.Identity, s.PairId, LegKind.Hedge);

    private Task<AccountStatus> StatusAsync(IActorRef account) => account.Ask<AccountStatus>(new GetAccountStatus(Alice), TimeSpan.FromSeconds(10));

    [Theory]
    [InlineData("accept-more:100")]
    [InlineData("accept-more:1e26")] // used to overflow hedge sizing and crash-loop the pair
    public async Task A_venue_accepting_more_than_asked_gets_no_hedge_an_open_exposure_and_a_halted_identity(string place)
    {
        var signal = SignalFor(Alice, "s-1");
        Script(signal, place, "accept");
        var account = StartAccount(Alice);

        var answer = await SendAsync(account, signal);
        await Clock.AdvanceToAsync(Start.AddMinutes(2), TimeSpan.FromSeconds(10));
        var status = await StatusAsync(account);

        Assert.Equal(SignalAnswerKind.Executed, answer.Kind);
        Assert.Single(Venue.Attempts(PositiveRef(signal)));
        Assert.Single(Venue.Held(PositiveRef(signal)));
        Assert.Empty(Venue.Attempts(HedgeRef(signal)));
        var exposure = Assert.Single(status.Exposures);
        Assert.Equal(ExposureReason.VenueAnomaly, exposure.Reason);
        Assert.Equal(ExposureStatus.Open, exposure.StatusAt(Clock.UtcNow));
        Assert.Equal(Venue.Held(PositiveRef(signal))[0].Stake, exposure.Positive.AcceptedStake);
        Assert.Equal(AccountState.ExecutorActor, status.Halt?.By);
        Assert.Empty(status.PairsInFlight);
        Assert.False(Clock.HasTimers); // nothing keeps running: no restart loop

        var later = SignalFor(Alice, "s-2");
        Script(later, "accept", "accept");
        var refused = await SendAsync(account, later);
        Assert.Equal(DenialReason.Halted, refused.Reason);
        Assert.Empty(Venue.Attempts(PositiveRef(later)));
    }

    [Fact]
    public async Task A_pair_that_fails_every_time_ends_as_a_pair_failed_exposure_after_its_restarts_and_halts_the_identity()
    {
        var services = Services with { Venues = new SingleVenueDirectory(new PlacesThenThrows(Venue)) };
        var account = Sys.ActorOf(AccountActor.Props(Alice, services));
        var signal = SignalFor(Alice, "s-1");
        Script(signal, "accept", "accept");

        var answer = await SendAsync(account, signal);
        // Restarts come every PairRestartDelay (5 s). The account schedules each one when it hears its pair stopped,
        // which can be just after the clock saw every worker idle, so time moves in steps until the pair has ended.
        var status = await StatusAsync(account);
        for (var step = 0; step < 40 && status.PairsInFlight.Count > 0; step++)
        {
            await Clock.AdvanceToAsync(Clock.UtcNow + services.Settings.PairRestartDelay, TimeSpan.FromSeconds(10));
            status = await StatusAsync(account);
        }

        Assert.Equal(SignalAnswerKind.Executed, answer.Kind);
        Assert.Single(Venue.Held(PositiveRef(signal))); // placed once, before the client threw
        Assert.Empty(Venue.Attempts(HedgeRef(signal)));
        var exposure = Assert.Single(status.Exposures);
        Assert.Equal(ExposureReason.PairFailed, exposure.Reason);
        Assert.Contains($"{services.Settings.Pair.MaxPairRestarts + 1} time(s)", exposure.Detail);
        Assert.Equal(PositiveRef(signal).Value, exposure.Positive.ClientReference);
        Assert.NotNull(status.Halt);
        Assert.Empty(status.PairsInFlight);

        // It never loops: much later, nothing more was tried and nothing is scheduled.
        await Clock.AdvanceToAsync(Clock.UtcNow.AddMinutes(30), TimeSpan.FromSeconds(10));
        Assert.Single(Venue.Attempts(PositiveRef(signal)));
        Assert.False(Clock.HasTimers);
    }

    /// <summary>A client with a bug: it sends the placement, then throws in the actor's face; every lookup throws too.</summary>
    private sealed class PlacesThenThrows(VenueSimulator venue) : IVenueClient
    {
        public Task<PlacementResult> PlaceAsync(LegOrder request, CancellationToken cancellationToken = default)
        {
            venue.PlaceAsync(request, cancellationToken).GetAwaiter().GetResult();
            throw new InvalidOperationException("client bug after sending the placement");
        }

        public Task<LookupResult> FindByClientReferenceAsync(Identity account, ClientReference clientReference, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("client bug in lookups");

        public Task<SettlementResult> GetSettlementAsync(Identity account, string betId, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("client bug in settlement queries");
    }
}
