using BetExecutor.Domain.Signals;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

public class SignalRulesTests
{
    private static string OnlyErrorField(Signal signal) => Assert.Single(SignalRules.Validate(signal, T0)).Field;

    [Fact]
    public void A_valid_signal_has_no_errors()
    {
        Assert.Empty(SignalRules.Validate(ASignal(), T0));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("sig/1")]
    [InlineData("sig 1")]
    [InlineData("sig{1}")]
    public void A_missing_or_malformed_signal_id_names_signalId(string id)
    {
        Assert.Equal("signalId", OnlyErrorField(ASignal(id: id)));
    }

    [Fact]
    public void A_signal_id_longer_than_the_maximum_names_signalId()
    {
        Assert.Empty(SignalRules.Validate(ASignal(id: new string('s', SignalRules.MaxIdLength)), T0));
        Assert.Equal("signalId", OnlyErrorField(ASignal(id: new string('s', SignalRules.MaxIdLength + 1))));
    }

    [Fact]
    public void A_missing_event_id_names_event_id()
    {
        var signal = ASignal() with { Event = new SportEvent(" ", KickOff) };

        Assert.Equal("event.id", OnlyErrorField(signal));
    }

    [Fact]
    public void Missing_markets_and_selections_name_their_fields()
    {
        var signal = ASignal();
        signal = signal with
        {
            Positive = signal.Positive with { Market = "", Selection = " " },
            Hedge = signal.Hedge with { Market = "", Selection = "" },
        };

        Assert.Equal(
            ["positive.market", "positive.selection", "hedge.market", "hedge.selection"],
            SignalRules.Validate(signal, T0).Select(e => e.Field));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    public void A_stake_that_is_not_positive_names_positive_stake(string stake)
    {
        Assert.Equal("positive.stake", OnlyErrorField(ASignal(stake: decimal.Parse(stake))));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0.5")]
    [InlineData("1000.01")]
    public void Positive_odds_not_above_1_or_above_1000_name_positive_odds(string odds)
    {
        Assert.Equal("positive.odds", OnlyErrorField(ASignal(odds: decimal.Parse(odds))));
    }

    [Fact]
    public void Hedge_odds_of_1_name_hedge_odds_and_are_not_also_compared_with_the_minimum()
    {
        Assert.Equal("hedge.odds", OnlyErrorField(ASignal(hedgeOdds: 1m, minOdds: 1.5m)));
    }

    [Fact]
    public void A_minimum_hedge_price_of_1_names_hedge_minOdds()
    {
        Assert.Equal("hedge.minOdds", OnlyErrorField(ASignal(minOdds: 1m)));
    }

    [Fact]
    public void A_minimum_hedge_price_above_the_hedge_price_names_hedge_minOdds()
    {
        var error = Assert.Single(SignalRules.Validate(ASignal(hedgeOdds: 2.00m, minOdds: 2.01m), T0));

        Assert.Equal("hedge.minOdds", error.Field);
        Assert.Contains("hedge.odds", error.Message);
    }

    [Fact]
    public void A_minimum_hedge_price_equal_to_the_hedge_price_is_valid()
    {
        Assert.Empty(SignalRules.Validate(ASignal(hedgeOdds: 2.00m, minOdds: 2.00m), T0));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("eur")]
    [InlineData("EU")]
    [InlineData("EURO")]
    [InlineData("E1R")]
    public void A_currency_that_is_not_three_upper_case_letters_names_positive_currency(string? currency)
    {
        var signal = ASignal();
        signal = signal with { Positive = signal.Positive with { Currency = currency! } };

        Assert.Equal("positive.currency", OnlyErrorField(signal));
    }

    [Fact]
    public void A_hedge_as_the_positive_identity_on_the_same_market_and_selection_names_hedge_identity()
    {
        var signal = ASignal();
        signal = signal with { Hedge = signal.Hedge with { Identity = Soft, Selection = signal.Positive.Selection } };

        Assert.Equal("hedge.identity", OnlyErrorField(signal));
    }

    [Fact]
    public void A_hedge_as_the_positive_identity_on_another_selection_is_valid()
    {
        var signal = ASignal();
        signal = signal with { Hedge = signal.Hedge with { Identity = Soft } };

        Assert.Empty(SignalRules.Validate(signal, T0));
    }

    [Fact]
    public void A_hedge_on_the_same_selection_as_another_identity_is_valid()
    {
        var signal = ASignal();
        signal = signal with { Hedge = signal.Hedge with { Selection = signal.Positive.Selection } };

        Assert.Empty(SignalRules.Validate(signal, T0));
    }

    [Fact]
    public void Every_broken_field_is_reported_at_once()
    {
        var signal = ASignal(id: "", stake: 0m, odds: 1m);

        Assert.Equal(["signalId", "positive.odds", "positive.stake"], SignalRules.Validate(signal, T0).Select(e => e.Field));
    }
}
