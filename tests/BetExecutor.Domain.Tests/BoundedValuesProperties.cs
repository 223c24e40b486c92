using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using BetExecutor.Domain.Signals;
using BetExecutor.Domain.Validation;
using FsCheck;
using FsCheck.Fluent;
using static BetExecutor.Domain.Tests.Fixture;

namespace BetExecutor.Domain.Tests;

/// <summary>
/// Issue 8, item 7 as properties: whatever numbers a signal carries, deciding on it never throws (out-of-bounds
/// values are refused first), and every signal within the bounds can be decided, recorded, replayed and hedged
/// without any decimal arithmetic overflowing.
/// </summary>
public class BoundedValuesProperties
{
    private const int Runs = 500;

    /// <summary>A decimal with at most four places in [min, max]: whole part and fraction drawn apart, so all magnitudes occur.</summary>
    private static Gen<decimal> FourPlaces(decimal min, decimal max) =>
        from magnitude in Gen.Choose(0, 9)
        from whole in Gen.Choose(0, int.MaxValue)
        from fraction in Gen.Choose(0, 9999)
        select Math.Clamp(whole % (long)Math.Pow(10, magnitude + 1) + fraction / 10_000m, min, max);

    private static readonly Gen<decimal> AnyDecimal = Gen.OneOf(
        ArbMap.Default.GeneratorFor<decimal>(),
        Gen.Elements(decimal.MaxValue, decimal.MinValue, 8e26m, 1e-28m, -1m, 0m, 1m, ValueBounds.MaxStake + 0.0001m, 79228162514264337593543950334m / 3m));

    private static readonly Gen<(decimal Stake, decimal Odds, decimal HedgeOdds, decimal MinOdds)> AnyNumbers =
        from stake in AnyDecimal
        from odds in AnyDecimal
        from hedgeOdds in AnyDecimal
        from minOdds in AnyDecimal
        select (stake, odds, hedgeOdds, minOdds);

    private static readonly Gen<(decimal Stake, decimal Odds, decimal HedgeOdds, decimal MinOdds, IdentityLimits Limits)> BoundedNumbers =
        from stake in FourPlaces(0.0001m, ValueBounds.MaxStake)
        from odds in FourPlaces(1.0001m, ValueBounds.MaxOdds)
        from hedgeOdds in FourPlaces(1.0001m, ValueBounds.MaxOdds)
        from minOdds in FourPlaces(1.0001m, ValueBounds.MaxOdds)
        from step in FourPlaces(ValueBounds.MinStakeStep, ValueBounds.MaxStakeStep)
        from daily in FourPlaces(0.0001m, ValueBounds.MaxDailyStake)
        select (stake, odds, hedgeOdds, Math.Min(minOdds, hedgeOdds),
            IdentityLimits.Unlimited with { StakeStep = step, MaxDailyStake = daily });

    [FsCheck.Xunit.Property(MaxTest = Runs)]
    public Property Deciding_on_a_signal_never_throws_whatever_its_numbers() =>
        Prop.ForAll(Arb.From(AnyNumbers), n =>
        {
            var signal = ASignal(stake: n.Stake, odds: n.Odds, hedgeOdds: n.HedgeOdds, minOdds: n.MinOdds);
            var decision = AccountState.Initial(Soft).DecideSignal(signal, T0, AccountSettings.Default, haltedGlobally: false);
            var inBounds = SignalRules.Validate(signal, T0).Count == 0;
            // Out of bounds is always refused as invalid, and never recorded.
            return (inBounds || decision is SignalDecision.Deny { Persist: false, Event.Reason: DenialReason.InvalidSignal })
                .Label($"{n} -> {decision}");
        });

    [FsCheck.Xunit.Property(MaxTest = Runs)]
    public Property A_signal_within_bounds_is_decided_recorded_replayed_and_hedged_without_overflow() =>
        Prop.ForAll(Arb.From(BoundedNumbers), n =>
        {
            var signal = ASignal(stake: n.Stake, odds: n.Odds, hedgeOdds: n.HedgeOdds, minOdds: n.MinOdds);
            var policies = IdentityPolicies.Unlimited.With(Soft, n.Limits);
            var state = AccountState.Initial(Soft);
            var decision = state.DecideSignal(signal, T0, AccountSettings.Default, policies, haltedGlobally: false);
            if (decision is SignalDecision.Accept accept)
            {
                // Recorded a few times over (one day's stakes add up), then replayed from empty.
                for (var i = 0; i < 3; i++) state = state.Apply(accept.Event with { Signal = accept.Event.Signal with { SignalId = $"s-{i}" } });
                var replayed = AccountState.Initial(Soft).Apply(accept.Event);
                // The venue takes the stake at the worst odds in bounds; the hedge is sized from it.
                var accepted = new AcceptedBet("b-1", accept.Event.Signal.Positive.Stake, ValueBounds.MaxOdds);
                var sized = HedgeSizing.Size(accepted, n.HedgeOdds, n.MinOdds, n.Limits.StakeStep);
                return (replayed.InFlight.Count == 1 && sized is not null).Label($"{n}");
            }
            return (decision is SignalDecision.Deny).Label($"{n} -> {decision}");
        });

    private static readonly Gen<string> Names =
        Gen.Elements("home", "Away", "Draw", "Over 2.5", "Bayern München", "Team A +1.5", "ÉQUIPE", "主队");

    /// <summary>A name and the same name written otherwise: other case, padded, inner spaces widened.</summary>
    private static readonly Gen<(string Name, string Disguise)> Disguised =
        from name in Names
        from lead in Gen.Elements("", " ", "  ", "\u00A0")
        from trail in Gen.Elements("", " ", "   ")
        from upper in ArbMap.Default.GeneratorFor<bool>()
        from widen in ArbMap.Default.GeneratorFor<bool>()
        let cased = upper ? name.ToUpperInvariant() : name.ToLowerInvariant()
        select (name, lead + (widen ? cased.Replace(" ", "   ") : cased) + trail);

    [FsCheck.Xunit.Property(MaxTest = Runs)]
    public Property The_hedge_rule_sees_through_a_selection_written_in_other_case_or_spacing() =>
        Prop.ForAll(Arb.From(Disguised), pair =>
        {
            var signal = ASignal();
            signal = signal with
            {
                Positive = signal.Positive with { Selection = pair.Name },
                Hedge = signal.Hedge with { Identity = Soft, Selection = pair.Disguise },
            };
            return SignalRules.Validate(signal, T0).Any(e => e.Field == "hedge.identity").Label($"'{pair.Name}' vs '{pair.Disguise}'");
        });

    [FsCheck.Xunit.Property(MaxTest = Runs)]
    public Property Different_selections_on_the_same_identity_are_not_refused_by_the_hedge_rule() =>
        Prop.ForAll(Arb.From(Names), Arb.From(Names), (positive, hedge) =>
        {
            var signal = ASignal();
            signal = signal with
            {
                Positive = signal.Positive with { Selection = positive },
                Hedge = signal.Hedge with { Identity = Soft, Selection = hedge },
            };
            var refused = SignalRules.Validate(signal, T0).Any(e => e.Field == "hedge.identity");
            return (refused == (positive == hedge)).Label($"'{positive}' vs '{hedge}'");
        });
}
