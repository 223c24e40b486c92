using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using FsCheck;
using FsCheck.Fluent;

namespace BetExecutor.Domain.Tests;

public class HedgeSizingTests
{
    private static HedgeSizing.Result.Sized Sized(HedgeSizing.Result result) => Assert.IsType<HedgeSizing.Result.Sized>(result);

    [Fact]
    public void The_hedge_stake_pays_what_the_positive_pays()
    {
        var sized = Sized(HedgeSizing.Size(new AcceptedBet("b1", 100m, 2.10m), 2.05m, 1.95m, 0.01m));

        // 100 × 2.10 ÷ 2.05 = 102.439…
        Assert.Equal(102.44m, sized.Stake);
        Assert.Equal(2.05m, sized.Odds);
    }

    [Theory]
    [InlineData("0.01", "102.44")]
    [InlineData("0.1", "102.4")]
    [InlineData("0.5", "102.5")]
    [InlineData("1", "102")]
    [InlineData("5", "100")]
    public void The_hedge_stake_is_rounded_to_the_venue_step(string step, string expected)
    {
        var sized = Sized(HedgeSizing.Size(new AcceptedBet("b1", 100m, 2.10m), 2.05m, 1.95m, decimal.Parse(step)));

        Assert.Equal(decimal.Parse(expected), sized.Stake);
    }

    [Fact]
    public void A_midpoint_rounds_away_from_zero()
    {
        Assert.Equal(0.02m, HedgeSizing.RoundToStep(0.015m, 0.01m));
        Assert.Equal(1.5m, HedgeSizing.RoundToStep(1.25m, 0.5m));
    }

    [Fact]
    public void The_hedge_is_sized_from_the_stake_the_venue_accepted_not_the_one_asked()
    {
        // Asked 100, the venue cut it to 40.
        var sized = Sized(HedgeSizing.Size(new AcceptedBet("b1", 40m, 2.10m), 2.05m, 1.95m, 0.01m));

        Assert.Equal(40.98m, sized.Stake); // 40 × 2.10 ÷ 2.05 = 40.975…
    }

    [Fact]
    public void The_hedge_is_sized_from_the_odds_the_venue_accepted_not_the_ones_asked()
    {
        // Asked 2.10, the venue took it at 2.00.
        var sized = Sized(HedgeSizing.Size(new AcceptedBet("b1", 100m, 2.00m), 2.05m, 1.95m, 0.01m));

        Assert.Equal(97.56m, sized.Stake); // 200 ÷ 2.05 = 97.56…
    }

    [Fact]
    public void A_hedge_below_the_minimum_odds_is_refused()
    {
        var refused = Assert.IsType<HedgeSizing.Result.Refused>(HedgeSizing.Size(new AcceptedBet("b1", 100m, 2.10m), 1.94m, 1.95m, 0.01m));

        Assert.Contains("1.95", refused.Reason);
    }

    [Fact]
    public void A_hedge_exactly_at_the_minimum_odds_is_sized()
    {
        Assert.Equal(1.95m, Sized(HedgeSizing.Size(new AcceptedBet("b1", 100m, 2.10m), 1.95m, 1.95m, 0.01m)).Odds);
    }

    [Fact]
    public void A_hedge_at_odds_of_1_is_refused_even_without_a_minimum()
    {
        Assert.IsType<HedgeSizing.Result.Refused>(HedgeSizing.Size(new AcceptedBet("b1", 100m, 2.10m), 1m, 0m, 0.01m));
    }

    [Fact]
    public void A_hedge_stake_that_rounds_to_nothing_is_refused()
    {
        Assert.IsType<HedgeSizing.Result.Refused>(HedgeSizing.Size(new AcceptedBet("b1", 1m, 2m), 10m, 1.5m, 1m));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    public void A_stake_step_that_is_not_positive_is_a_programming_error(string step)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HedgeSizing.RoundToStep(10m, decimal.Parse(step)));
    }

    private static readonly Gen<decimal> Stake = Gen.Choose(1, 1_000_000).Select(cents => cents / 100m);
    private static readonly Gen<decimal> Odds = Gen.Choose(101, 5_000).Select(hundredths => hundredths / 100m);
    private static readonly Gen<decimal> Step = Gen.Elements(0.01m, 0.05m, 0.1m, 0.5m, 1m);

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Both_outcomes_pay_the_same_within_half_a_stake_step() =>
        Prop.ForAll(
            Arb.From(
                from stake in Stake
                from odds in Odds
                from hedgeOdds in Odds
                from step in Step
                select (stake, odds, hedgeOdds, step)),
            input =>
            {
                var (stake, odds, hedgeOdds, step) = input;
                var positivePays = stake * odds;
                return HedgeSizing.Size(new AcceptedBet("b", stake, odds), hedgeOdds, 1.01m, step) switch
                {
                    HedgeSizing.Result.Sized sized =>
                        (Math.Abs(sized.Stake * sized.Odds - positivePays) <= step * hedgeOdds / 2m + 0.000001m
                         && sized.Stake > 0m
                         && sized.Stake % step == 0m
                         && sized.Odds == hedgeOdds)
                        .Label($"hedge {sized.Stake} @ {sized.Odds} pays {sized.Stake * sized.Odds}, positive pays {positivePays}"),
                    HedgeSizing.Result.Refused => (positivePays / hedgeOdds < step / 2m).Label("refused though a stake was possible"),
                    _ => false.Label("unexpected result"),
                };
            });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Any_hedge_price_below_the_minimum_is_refused() =>
        Prop.ForAll(
            Arb.From(
                from stake in Stake
                from odds in Odds
                from minOdds in Odds
                from below in Gen.Choose(1, 100)
                select (stake, odds, minOdds, hedgeOdds: minOdds - below / 100m)),
            input => HedgeSizing.Size(new AcceptedBet("b", input.stake, input.odds), input.hedgeOdds, input.minOdds, 0.01m)
                is HedgeSizing.Result.Refused);
}
