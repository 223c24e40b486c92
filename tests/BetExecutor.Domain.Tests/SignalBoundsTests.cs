using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Signals;
using BetExecutor.Domain.Validation;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

/// <summary>
/// Issue 8, item 7: every value of a signal is bounded, so nothing that passes can overflow the arithmetic done on
/// it or poison the journal that records it. Each case below was accepted before the bounds.
/// </summary>
public class SignalBoundsTests
{
    private static FieldError OnlyError(Signal signal) => Assert.Single(SignalRules.Validate(signal, T0));

    private static Signal WithPositive(Func<PositiveLegSpec, PositiveLegSpec> change)
    {
        var signal = ASignal();
        return signal with { Positive = change(signal.Positive) };
    }

    private static Signal WithHedge(Func<HedgeLegSpec, HedgeLegSpec> change)
    {
        var signal = ASignal();
        return signal with { Hedge = change(signal.Hedge) };
    }

    [Fact]
    public void A_ten_megabyte_market_is_refused_naming_positive_market()
    {
        var error = OnlyError(WithPositive(p => p with { Market = new string('m', 10 * 1024 * 1024) }));

        Assert.Equal("positive.market", error.Field);
        Assert.Contains($"at most {TextRules.MaxNameLength} characters", error.Message);
    }

    [Fact]
    public void A_market_of_the_longest_allowed_length_is_valid()
    {
        Assert.Empty(SignalRules.Validate(WithPositive(p => p with { Market = new string('m', TextRules.MaxNameLength) }), T0));
    }

    [Theory]
    [InlineData("home\u001b[31m", "U+001B")] // an ANSI colour escape
    [InlineData("home\nnot-home", "U+000A")]
    [InlineData("home\u0000", "U+0000")]
    [InlineData("ho\u200Bme", "U+200B")] // zero-width space
    [InlineData("home\u202E", "U+202E")] // right-to-left override
    public void Control_format_and_broken_characters_in_a_selection_are_refused_by_code_point(string selection, string shown)
    {
        var error = OnlyError(WithPositive(p => p with { Selection = selection }));

        Assert.Equal("positive.selection", error.Field);
        Assert.Contains(shown, error.Message);
        Assert.DoesNotContain('\u001b', error.Message); // the answer never carries the escape itself
    }

    [Fact]
    public void Half_a_surrogate_pair_in_a_selection_is_refused_by_code_point()
    {
        // Not theory data: xUnit would replace the lone surrogate before the test saw it.
        var error = OnlyError(WithPositive(p => p with { Selection = "home" + '\uD800' }));

        Assert.Equal("positive.selection", error.Field);
        Assert.Contains("U+D800", error.Message);
    }

    [Theory]
    [InlineData("Bayern München")]
    [InlineData("Over/Under 2.5 Goals")]
    [InlineData("Draw (90')")]
    [InlineData("Team A +1.5")]
    [InlineData("主队")]
    public void Real_market_and_selection_names_are_valid(string name)
    {
        Assert.Empty(SignalRules.Validate(WithHedge(h => h with { Market = name, Selection = name }), T0));
    }

    [Fact]
    public void Currency_XYZ_is_refused_naming_positive_currency()
    {
        Assert.Equal("positive.currency", OnlyError(WithPositive(p => p with { Currency = "XYZ" })).Field);
    }

    [Theory]
    [InlineData("XTS")] // the testing code
    [InlineData("XXX")] // no currency
    [InlineData("XAU")] // gold
    public void ISO_codes_that_are_not_money_to_stake_are_refused(string code)
    {
        Assert.Equal("positive.currency", OnlyError(WithPositive(p => p with { Currency = code })).Field);
    }

    [Theory]
    [InlineData("EUR")]
    [InlineData("GBP")]
    [InlineData("USD")]
    [InlineData("JPY")]
    [InlineData("KWD")]
    public void Circulating_currencies_are_valid(string code)
    {
        Assert.Empty(SignalRules.Validate(WithPositive(p => p with { Currency = code }), T0));
    }

    [Theory]
    [InlineData("home", "Home")]
    [InlineData("home", "home ")]
    [InlineData("home", " HOME")]
    [InlineData("Home Team", "home   team")]
    [InlineData("home", "home\u00A0")] // a no-break space is whitespace too
    public void The_same_identity_hedge_rule_compares_selections_normalised(string positive, string hedge)
    {
        var signal = ASignal();
        signal = signal with
        {
            Positive = signal.Positive with { Selection = positive },
            Hedge = signal.Hedge with { Identity = Soft, Selection = hedge },
        };

        Assert.Equal("hedge.identity", OnlyError(signal).Field);
    }

    [Fact]
    public void The_same_identity_hedge_rule_compares_markets_normalised()
    {
        var signal = ASignal();
        signal = signal with { Hedge = signal.Hedge with { Identity = Soft, Market = " MATCH-odds", Selection = "home" } };

        Assert.Equal("hedge.identity", OnlyError(signal).Field);
    }

    [Theory]
    [InlineData("800000000000000000000000000")] // 8e26: overflowed the stake-step division
    [InlineData("1000000000.0001")]
    public void A_stake_above_the_maximum_is_refused(string stake)
    {
        var error = OnlyError(ASignal(stake: decimal.Parse(stake, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal("positive.stake", error.Field);
        Assert.Contains("at most", error.Message);
    }

    [Fact]
    public void The_largest_stake_is_valid()
    {
        Assert.Empty(SignalRules.Validate(ASignal(stake: ValueBounds.MaxStake), T0));
    }

    [Theory]
    [InlineData("0.00001")]
    [InlineData("0.0000000000000000000000000001")]
    public void A_stake_finer_than_four_decimal_places_is_refused(string stake)
    {
        Assert.Equal("positive.stake", OnlyError(ASignal(stake: decimal.Parse(stake, System.Globalization.CultureInfo.InvariantCulture))).Field);
    }

    [Fact]
    public void Odds_with_more_than_four_decimal_places_are_refused()
    {
        Assert.Equal("positive.odds", OnlyError(ASignal(odds: 2.00001m)).Field);
    }

    [Fact]
    public void A_kick_off_on_0001_01_01_is_refused_naming_event_startsAt()
    {
        var error = OnlyError(ASignal(startsAt: DateTimeOffset.MinValue, inPlay: true));

        Assert.Equal("event.startsAt", error.Field);
        Assert.Contains("before now", error.Message);
    }

    [Fact]
    public void A_kick_off_in_year_9999_is_refused_naming_event_startsAt()
    {
        Assert.Equal("event.startsAt", OnlyError(ASignal(startsAt: DateTimeOffset.MaxValue)).Field);
    }

    [Fact]
    public void Kick_offs_at_the_edges_of_the_window_are_valid_and_just_outside_refused()
    {
        Assert.Empty(SignalRules.Validate(ASignal(startsAt: T0 - ValueBounds.EventStartedAtMost, inPlay: true), T0));
        Assert.Empty(SignalRules.Validate(ASignal(startsAt: T0 + ValueBounds.EventStartsWithin), T0));
        Assert.Equal("event.startsAt", OnlyError(ASignal(startsAt: T0 - ValueBounds.EventStartedAtMost - TimeSpan.FromSeconds(1), inPlay: true)).Field);
        Assert.Equal("event.startsAt", OnlyError(ASignal(startsAt: T0 + ValueBounds.EventStartsWithin + TimeSpan.FromSeconds(1))).Field);
    }

    [Fact]
    public void An_expiry_far_from_now_is_refused_naming_expiresAt_and_a_recent_one_is_left_to_the_controls()
    {
        Assert.Equal("expiresAt", OnlyError(ASignal(expiresAt: DateTimeOffset.MinValue)).Field);
        Assert.Equal("expiresAt", OnlyError(ASignal(expiresAt: T0.AddDays(2))).Field);
        // A signal that expired a minute ago is well formed: the account denies it as expired, with that reason.
        Assert.Empty(SignalRules.Validate(ASignal(expiresAt: T0.AddMinutes(-1)), T0));
    }

    [Fact]
    public void The_account_refuses_an_out_of_bounds_signal_as_invalid_without_recording_it()
    {
        var decision = AccountState.Initial(Soft).DecideSignal(ASignal(stake: 8e26m), T0, AccountSettings.Default, haltedGlobally: false);

        var deny = Assert.IsType<SignalDecision.Deny>(decision);
        Assert.Equal(DenialReason.InvalidSignal, deny.Event.Reason);
        Assert.False(deny.Persist);
        Assert.StartsWith("positive.stake", deny.Event.Detail);
    }

    [Theory]
    [InlineData("0.0000000000000000000000000001")] // 1e-28: overflowed every division by the step
    [InlineData("0.00001")]
    [InlineData("0")]
    [InlineData("1000001")]
    public void A_stake_step_out_of_bounds_is_refused_naming_stakeStep(string step)
    {
        var limits = IdentityLimits.Unlimited with { StakeStep = decimal.Parse(step, System.Globalization.CultureInfo.InvariantCulture) };

        Assert.Equal("stakeStep", Assert.Single(LimitRules.Validate(limits)).Field);
    }

    [Fact]
    public void Limits_out_of_bounds_are_each_named()
    {
        var limits = new IdentityLimits(MinStake: 5m, MaxStake: 8e26m, MaxOpenPairs: 0, MaxDailyStake: -1m, LimitedBelowShare: 2m);

        Assert.Equal(["maxStake", "maxOpenPairs", "maxDailyStake", "limitedBelowShare"], LimitRules.Validate(limits).Select(e => e.Field));
    }

    [Fact]
    public void The_default_limits_are_within_bounds()
    {
        Assert.Empty(LimitRules.Validate(IdentityLimits.Unlimited));
    }
}
