using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using FsCheck;
using FsCheck.Fluent;
using static BetExecutor.Domain.Legs.LegKind;

namespace BetExecutor.Domain.Tests;

/// <summary>
/// Properties of the pair state machine over generated venue behaviours, host crashes and stale timers, checked by
/// running <see cref="PairInterpreter"/> against a <see cref="ModelVenue"/>.
/// </summary>
public class PairStateMachineProperties
{
    private const int Runs = 400;

    private static Gen<T[]> Script<T>(int max, params (int Weight, T Value)[] choices) =>
        Gen.Choose(0, max).SelectMany(n => Gen.ArrayOf(Gen.Frequency(choices.Select(c => (c.Weight, Gen.Constant(c.Value)))), n));

    private static readonly Gen<Scenario> Scenarios =
        from placements in Script(8,
            (4, VenuePlacement.Accept), (2, VenuePlacement.AcceptOtherTerms), (1, VenuePlacement.AcceptMoreThanAsked), (1, VenuePlacement.RejectPermanent),
            (2, VenuePlacement.RejectTransient), (2, VenuePlacement.RejectRepriced), (1, VenuePlacement.RejectRepricedBelowMinimum),
            (2, VenuePlacement.UnknownTaken), (2, VenuePlacement.UnknownNotTaken))
        // Failures also come as outages: every lookup fails for a while, or nothing settles for a long time.
        from lookups in Gen.Frequency(
            (3, Script(20, (3, VenueLookup.Answer), (1, VenueLookup.Fail))),
            (1, Gen.Choose(1, 30).Select(n => Enumerable.Repeat(VenueLookup.Fail, n).ToArray())))
        from settlements in Gen.Frequency(
            (4, Script(20,
                (6, VenueSettlement.Pending), (3, VenueSettlement.Won), (3, VenueSettlement.Lost), (1, VenueSettlement.Void),
                (1, VenueSettlement.HalfWon), (1, VenueSettlement.HalfLost), (2, VenueSettlement.Fail))),
            (1, Gen.Choose(1, 20).Select(n => Enumerable.Repeat(VenueSettlement.Pending, n).ToArray())))
        from interrupts in Script(40,
            (20, Interrupt.None), (2, Interrupt.CrashBeforeSending), (2, Interrupt.CrashAfterSending), (2, Interrupt.StaleWake))
        from visibleAfter in Gen.Elements(0, 5, 20)
        from startDelay in Gen.Frequency((9, Gen.Constant(0)), (1, Gen.Choose(1, 15)))
        select new Scenario(placements, lookups, settlements, interrupts, TimeSpan.FromSeconds(visibleAfter), TimeSpan.FromSeconds(startDelay));

    private static Property ForEveryRun(Func<PairInterpreter, bool> holds, Func<PairInterpreter, string> explain) =>
        Prop.ForAll(Arb.From(Scenarios), scenario =>
        {
            var run = PairInterpreter.Run(scenario);
            return holds(run).Label($"{explain(run)}\n{scenario}\n{Describe(run)}");
        });

    private static string Describe(PairInterpreter run) =>
        $"status {run.State.Status}, {run.Steps} steps, {run.Recoveries} recoveries, failure {run.Failure?.Message ?? "none"}\n" +
        $"  journal [{string.Join(", ", run.Journal.Select(e => e.GetType().Name))}]\n" +
        $"  venue [{string.Join(", ", run.Venue.Bets.Select(b => $"{b.Leg} {b.Reference} {b.Stake}@{b.Odds}"))}]";

    [FsCheck.Xunit.Property(MaxTest = Runs)]
    public Property A_hedge_is_placed_only_after_the_positive_was_accepted() =>
        ForEveryRun(
            run => run.Issued.Where(i => i.Effect is PlaceLeg { Leg: Hedge })
                .All(i => run.Journal.Take(i.JournalLength).OfType<PositiveAccepted>().Any()),
            _ => "a hedge PlaceLeg was issued before any PositiveAccepted event was persisted");

    [FsCheck.Xunit.Property(MaxTest = Runs)]
    public Property A_hedge_is_sized_from_the_positive_the_venue_accepted() =>
        ForEveryRun(
            run => run.Placements(Hedge).All(place =>
                run.Venue.Held(Positive) is { } positive
                && Math.Abs(place.Order.Stake * place.Order.Odds - positive.Stake * positive.Odds)
                    <= PairInterpreter.Settings.HedgeStakeStep * place.Order.Odds / 2m + 0.000001m),
            _ => "a hedge order does not pay what the accepted positive pays");

    [FsCheck.Xunit.Property(MaxTest = Runs)]
    public Property No_hedge_is_sized_from_a_positive_accepted_above_its_asked_stake() =>
        ForEveryRun(
            run => run.Placements(Hedge).All(_ =>
                run.Venue.Held(Positive) is { } positive
                && run.Placements(Positive).All(p => positive.Stake <= p.Order.Stake + AnswerBounds.Default.StakeRounding)),
            _ => "a hedge was placed although the venue claimed more positive stake than was asked");

    [FsCheck.Xunit.Property(MaxTest = Runs)]
    public Property A_venue_anomaly_always_ends_as_an_exposure() =>
        ForEveryRun(
            run => !run.Venue.Bets.Any(b => b.Stake > run.Placements(b.Leg).Select(p => p.Order.Stake).DefaultIfEmpty(0m).Max() + 0.01m)
                || run.State.Outcome is PairOutcome.Exposed,
            _ => "the venue holds a leg for more than was asked, yet the pair did not end as an exposure");

    [FsCheck.Xunit.Property(MaxTest = Runs)]
    public Property Each_leg_keeps_one_client_reference_and_the_venue_holds_at_most_one_bet_per_leg() =>
        ForEveryRun(
            run => run.Placements(Positive).Select(p => p.Order.ClientReference).Distinct().Count() <= 1
                && run.Placements(Hedge).Select(p => p.Order.ClientReference).Distinct().Count() <= 1
                && !run.Placements(Positive).Select(p => p.Order.ClientReference)
                    .Intersect(run.Placements(Hedge).Select(p => p.Order.ClientReference)).Any()
                && run.Venue.Bets.GroupBy(b => b.Leg).All(g => g.Count() == 1)
                && run.Venue.Bets.GroupBy(b => b.Reference).All(g => g.Count() == 1),
            _ => "a leg was placed under two references, or the venue holds two bets for one leg");

    [FsCheck.Xunit.Property(MaxTest = Runs)]
    public Property Every_run_ends_in_a_terminal_status_and_reports_its_outcome() =>
        ForEveryRun(
            run => run.Terminated
                && run.RecoveryMismatch is null
                && run.Steps < PairInterpreter.MaxSteps
                && run.Reported.Count > 0
                && run.Reported.All(o => o == run.State.Outcome),
            run => run.RecoveryMismatch ?? "the run did not end in a terminal status with a ReportFinished of its outcome");

    [FsCheck.Xunit.Property(MaxTest = Runs)]
    public Property A_positive_left_without_a_hedge_always_ends_as_an_exposure() =>
        ForEveryRun(
            run => !(run.Venue.Held(Positive) is not null && run.Venue.Held(Hedge) is null)
                || run.State.Outcome is PairOutcome.Exposed,
            _ => "the venue holds the positive and no hedge, yet the pair did not end as an exposure");

    [FsCheck.Xunit.Property(MaxTest = Runs)]
    public Property The_positive_is_placed_at_most_once_even_across_recoveries() =>
        ForEveryRun(
            run => run.Placements(Positive).Count() <= 1
                && run.Journal.OfType<PositiveIntentRecorded>().Count() <= 1,
            _ => "the positive was placed more than once");

    [FsCheck.Xunit.Property(MaxTest = Runs)]
    public Property An_outcome_agrees_with_what_the_venue_holds() =>
        ForEveryRun(
            run => run.State.Outcome switch
            {
                // Nothing stands: the venue holds no bet of the pair.
                PairOutcome.NothingStands => run.Venue.Bets.Count == 0,
                // Both legs stand and the pair knows them by the venue's ids.
                PairOutcome.Settled settled => run.Venue.Held(Positive)?.BetId == settled.Positive.BetId
                    && run.Venue.Held(Hedge)?.BetId == settled.Hedge.BetId
                    && settled.Positive.BetId is not null && settled.Hedge.BetId is not null,
                _ => true,
            },
            _ => "the reported outcome contradicts the bets the venue holds");

    [FsCheck.Xunit.Property(MaxTest = Runs)]
    public Property Settlement_is_polled_at_most_the_maximum_number_of_times_per_answered_poll() =>
        ForEveryRun(
            run => run.Journal.OfType<SettlementPolled>().Count() <= PairInterpreter.Settings.MaxSettlementPolls,
            _ => "more settlement polls were recorded than the limit allows");

    /// <summary>Guards the properties above against a generator that drifts into only easy runs.</summary>
    [Fact]
    public void The_generated_runs_reach_every_ending_and_recover_from_every_pending_placement()
    {
        var runs = Gen.Sample(Scenarios, 2000).Select(PairInterpreter.Run).ToList();

        var endings = runs.Select(r => (r.State.Status, (r.State.Outcome as PairOutcome.Exposed)?.Reason)).ToHashSet();
        Assert.Contains((PairStatus.Abandoned, null), endings);
        Assert.Contains((PairStatus.PositiveRejected, null), endings);
        Assert.Contains((PairStatus.Settled, null), endings);
        // Every reason a pair can raise by itself; the account raises pair-failed (a pair keeps crashing) and
        // storage-lost (the journal lost history), never a pair's own run.
        var raisedByPairs = Enum.GetValues<Exposures.ExposureReason>()
            .Where(r => r is not (Exposures.ExposureReason.PairFailed or Exposures.ExposureReason.StorageLost));
        Assert.All(raisedByPairs, reason => Assert.Contains((PairStatus.Exposed, reason), endings));
        Assert.Contains(runs, r => r.State.Outcome is PairOutcome.NothingStands { Reason: NothingStandsReason.PositiveNotFound });
        Assert.Contains(runs, r => r.State.Outcome is PairOutcome.NothingStands { Reason: NothingStandsReason.PositiveRejectedPermanently });
        Assert.Contains(runs, r => r.State.Outcome is PairOutcome.NothingStands { Reason: NothingStandsReason.PositiveRejectedTransiently });
        Assert.Contains(runs, r => r.Journal.OfType<PositiveOutcomeUnknown>().Any(e => e.Reason.StartsWith("recovered")));
        Assert.Contains(runs, r => r.Journal.OfType<HedgeOutcomeUnknown>().Any(e => e.Reason.StartsWith("recovered")));
        Assert.Contains(runs, r => r.Placements(Hedge).Count() == PairInterpreter.Settings.HedgeMaxAttempts);
        Assert.Contains(runs, r => r.Venue.Held(Positive) is not null && r.Venue.Held(Hedge) is null);
    }
}
