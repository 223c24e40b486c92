using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Legs;
using static BetExecutor.Venues.Tests.TestData;

namespace BetExecutor.Venues.Tests;

/// <summary>
/// Rates are checked over 10,000 legs with bounds of ±3 percentage points, several standard deviations wide; the
/// draws are seeded, so these tests give the same verdict on every run.
/// </summary>
public class FaultProfileTests
{
    private const int Legs = 10_000;
    private const double Tolerance = 0.03;

    private static readonly FaultProfile Profile = new()
    {
        RejectPermanent = 0.10, RejectTransient = 0.15, TimeoutPlaced = 0.05, TimeoutNotPlaced = 0.10, ServerError = 0.05,
        MovedOdds = 0.20, StakeCut = 0.30, LateVisibility = 0.40,
    };

    private static async Task<(VenueSimulator Venue, PlacementResult[] Answers)> PlaceManyLegs(int seed, FaultProfile profile)
    {
        var venue = new VenueSimulator(Clock(), seed, faults: profile);
        var answers = new PlacementResult[Legs];
        for (var i = 0; i < Legs; i++) answers[i] = await venue.PlaceAsync(Request(Reference($"pair-{i}")));
        return (venue, answers);
    }

    private static void AssertRate(double expected, int count, int outOf) =>
        Assert.InRange((double)count / outOf, expected - Tolerance, expected + Tolerance);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Placement_outcomes_come_at_roughly_the_profiled_rates(int seed)
    {
        var (venue, answers) = await PlaceManyLegs(seed, Profile);

        AssertRate(0.10, answers.Count(a => a is PlacementResult.Rejected { Permanent: true }), Legs);
        AssertRate(0.15, answers.Count(a => a is PlacementResult.Rejected { Permanent: false }), Legs);
        AssertRate(0.20, answers.Count(a => a is PlacementResult.Unknown), Legs);
        AssertRate(0.55, answers.Count(a => a is PlacementResult.Accepted), Legs);
        // Held: every acceptance plus the timeouts that really placed.
        AssertRate(0.60, venue.Book().Count, Legs);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Taken_bets_move_odds_cut_stakes_and_show_late_at_roughly_the_profiled_rates(int seed)
    {
        var (venue, _) = await PlaceManyLegs(seed, Profile);
        var book = venue.Book();

        AssertRate(0.20, book.Count(b => b.Odds != b.AskedOdds), book.Count);
        AssertRate(0.30, book.Count(b => b.Stake != b.AskedStake), book.Count);
        AssertRate(0.40, book.Count(b => b.VisibleAfter > TimeSpan.Zero), book.Count);
    }

    [Fact]
    public async Task Settlements_follow_the_profiled_weights()
    {
        var (venue, _) = await PlaceManyLegs(seed: 5, Profile);
        var book = venue.Book();

        foreach (var (state, weight) in FaultProfile.DefaultSettlements)
        {
            AssertRate(weight, book.Count(b => b.Settlement == state), book.Count);
        }
        Assert.DoesNotContain(book, b => b.Settlement == SettlementState.Pending);
    }

    [Fact]
    public async Task Moved_odds_stay_within_the_profiled_move_and_cut_stakes_within_the_profiled_fraction()
    {
        var profile = new FaultProfile { MovedOdds = 1, StakeCut = 1, LateVisibility = 1 };
        var (venue, _) = await PlaceManyLegs(seed: 9, profile);

        Assert.All(venue.Book(), bet =>
        {
            Assert.NotEqual(bet.AskedOdds, bet.Odds);
            Assert.InRange(bet.Odds, bet.AskedOdds * (1 - profile.MaxOddsMove) - 0.01m, bet.AskedOdds * (1 + profile.MaxOddsMove) + 0.01m);
            Assert.InRange(bet.Stake, bet.AskedStake * profile.MinStakeFraction - 0.01m, bet.AskedStake - 0.01m);
            Assert.Equal(bet.Stake, decimal.Round(bet.Stake, 2));
            Assert.InRange(bet.VisibleAfter, TimeSpan.FromTicks(1), profile.MaxVisibilityDelay);
        });
        Assert.Contains(venue.Book(), b => b.Odds > b.AskedOdds);
        Assert.Contains(venue.Book(), b => b.Odds < b.AskedOdds);
    }

    [Fact]
    public async Task Late_bets_are_not_found_at_once_but_all_are_found_after_the_longest_delay()
    {
        var clock = Clock();
        var venue = new VenueSimulator(clock, seed: 3, faults: new FaultProfile { LateVisibility = 1 });
        var references = Enumerable.Range(0, 50).Select(i => Reference($"pair-{i}")).ToArray();
        foreach (var reference in references) await venue.PlaceAsync(Request(reference));

        foreach (var reference in references)
            Assert.IsType<LookupResult.NotFound>(await venue.FindByClientReferenceAsync(Alice, reference));

        clock.Advance(new FaultProfile().MaxVisibilityDelay);

        foreach (var reference in references)
            Assert.IsType<LookupResult.Found>(await venue.FindByClientReferenceAsync(Alice, reference));
    }

    [Fact]
    public async Task Rejection_codes_are_classified_as_the_contract_says_and_a_price_change_names_the_price()
    {
        var (_, answers) = await PlaceManyLegs(seed: 4, new FaultProfile { RejectPermanent = 0.5, RejectTransient = 0.5 });
        var rejections = answers.Cast<PlacementResult.Rejected>().ToArray();

        Assert.All(rejections, r => Assert.Equal(RejectionCodes.IsPermanent(r.Code), r.Permanent));
        Assert.All(rejections.Where(r => r.Code == RejectionCodes.PriceChanged), r => Assert.NotNull(r.CurrentOdds));
        Assert.Contains(rejections, r => r.Code == RejectionCodes.PriceChanged);
    }

    [Fact]
    public async Task A_transiently_rejected_leg_may_be_taken_on_a_later_attempt_because_each_attempt_is_drawn_afresh()
    {
        var venue = new VenueSimulator(Clock(), seed: 11, faults: new FaultProfile { RejectTransient = 0.5 });
        var references = Enumerable.Range(0, 100).Select(i => Reference($"pair-{i}")).ToArray();
        foreach (var reference in references)
        {
            for (var attempt = 0; attempt < 3; attempt++) await venue.PlaceAsync(Request(reference));
        }

        Assert.Contains(references, r =>
            venue.Attempts(r)[0].Answer is PlacementResult.Rejected && venue.Held(r).Count == 1);
        Assert.All(references, r => Assert.True(venue.Held(r).Count <= 1));
    }

    [Fact]
    public async Task A_scripted_reference_ignores_the_fault_profile()
    {
        var reference = Reference();
        var venue = new VenueSimulator(Clock(), seed: 1, faults: new FaultProfile { ServerError = 1 });
        venue.Script(reference, Script("accept", SettlementState.Won));

        Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(reference)));
        Assert.IsType<PlacementResult.Unknown>(await venue.PlaceAsync(Request(Reference("unscripted"))));
    }

    [Fact]
    public async Task A_profile_that_settles_only_pending_never_settles()
    {
        var profile = new FaultProfile { Settlements = new Dictionary<SettlementState, double> { [SettlementState.Pending] = 1 } };
        var venue = new VenueSimulator(Clock(), seed: 1, faults: profile);
        var accepted = Assert.IsType<PlacementResult.Accepted>(await venue.PlaceAsync(Request(Reference())));

        Assert.Equal(new SettlementResult.Known(SettlementState.Pending), await venue.GetSettlementAsync(Alice, accepted.Bet.BetId));
    }

    [Fact]
    public void A_profile_with_impossible_numbers_is_refused_with_every_problem_named()
    {
        var profile = new FaultProfile
        {
            RejectPermanent = -0.1,
            TimeoutPlaced = 0.7, ServerError = 0.7,
            StakeCut = double.NaN,
            MinStakeFraction = 1m,
            Settlements = new Dictionary<SettlementState, double> { [SettlementState.Won] = 0 },
        };

        var error = Assert.Throws<ArgumentException>(() => new VenueSimulator(Clock(), seed: 1, faults: profile));

        Assert.Contains(nameof(FaultProfile.RejectPermanent), error.Message);
        Assert.Contains("more than 1", error.Message);
        Assert.Contains(nameof(FaultProfile.StakeCut), error.Message);
        Assert.Contains(nameof(FaultProfile.MinStakeFraction), error.Message);
        Assert.Contains(nameof(FaultProfile.Settlements), error.Message);
    }

    [Fact]
    public void The_default_profile_is_valid_and_injects_no_placement_faults()
    {
        var profile = new FaultProfile();

        Assert.Empty(profile.Validate());
        Assert.Equal(0, profile.RejectPermanent + profile.RejectTransient + profile.TimeoutPlaced + profile.TimeoutNotPlaced + profile.ServerError);
    }
}
