using BetExecutor.Soak.Tests.Support;
using Xunit.Abstractions;

namespace BetExecutor.Soak.Tests;

/// <summary>
/// Issue 5, item 7: thousands of pairs across hundreds of identities through the HTTP venue with every fault class
/// on, judged from the venue's own book. Each rule is its own test so one failure does not hide the others; a
/// failure lists every offending pair with its book entries, venue attempts and what the executor saw.
/// </summary>
[Collection(SoakCollection.Name)]
public sealed class SoakUnderEveryFaultTests(SoakFixture soak, ITestOutputHelper output)
{
    private const int Shown = 15;

    [Fact]
    public void The_soak_prints_its_counts_and_runs_thousands_of_pairs_across_hundreds_of_identities()
    {
        var result = soak.Result;
        output.WriteLine(soak.Summary.ToTable(result.RealDuration, result.Plan.Start, result.VirtualEnd));
        foreach (var call in result.UnansweredThatNeverLanded)
            output.WriteLine($"unanswered placement that never reached the venue: {Ledger.Describe(call)} {call.Account.Key} {call.Key}");
        foreach (var refusal in result.OperatorRefusals) output.WriteLine($"operator refused: {refusal}");
        foreach (var pair in soak.Summary.UnderHedged.Take(5)) output.WriteLine($"under-hedged: {pair}");

        Assert.True(result.Owners.Count >= 200, $"{result.Owners.Count} identities");
        Assert.True(soak.Ledger.Executed.Count() >= 1800, $"{soak.Ledger.Executed.Count()} pairs executed");
    }

    [Fact]
    public void The_run_ends_with_no_pair_in_flight_and_no_timer_left() => AssertNone(soak.Ledger.RunNotQuiet());

    [Fact]
    public void No_leg_holds_more_than_one_bet_and_no_bet_is_stray() =>
        AssertNone(soak.Ledger.DuplicateOrStrayBets(), $"duplicate bets: {soak.Ledger.DuplicateBetCount}");

    [Fact]
    public void No_hedge_is_requested_or_held_before_its_positive_is_accepted() => AssertNone(soak.Ledger.HedgesWithoutAcceptedPositive());

    [Fact]
    public void Every_positive_is_requested_at_most_once_and_every_hedge_within_its_attempts() => AssertNone(soak.Ledger.RepeatedPlacements());

    [Fact]
    public void Every_executed_pair_ends_settled_rejected_or_as_an_exposure_and_nothing_else_reaches_the_venue() =>
        AssertNone(soak.Ledger.PairsWithoutAnEnd());

    [Fact]
    public void Every_outcome_agrees_with_the_venue_book() => AssertNone(soak.Ledger.OutcomesDisagreeingWithTheBook());

    [Fact]
    public void Every_imbalance_in_the_book_is_an_exposure() => AssertNone(soak.Ledger.SilentImbalances());

    [Fact]
    public void Every_hedge_is_sized_from_the_accepted_positive_and_never_below_the_minimum_odds() =>
        AssertNone(soak.Ledger.HedgesNotSizedFromTheAcceptedPositive());

    [Fact]
    public void Unresolved_unknowns_come_exactly_from_the_legs_whose_lookups_failed() =>
        AssertNone(soak.Ledger.UnexplainedUnresolvedUnknowns());

    [Fact]
    public void A_positive_accepted_below_half_its_stake_limits_the_identity_for_every_later_signal() =>
        AssertNone(soak.Ledger.LimitViolations());

    [Fact]
    public void An_open_exposure_blocks_its_identity_until_the_operator_resolves_it() =>
        AssertNone(soak.Ledger.ExposureControlViolations());

    [Fact]
    public void A_signal_delivered_twice_gets_the_first_decision_and_places_nothing() => AssertNone(soak.Ledger.ResendViolations());

    [Fact]
    public void Every_fault_class_was_injected()
    {
        var summary = soak.Summary;
        var missing = summary.Rows
            .Where(r => r.Section is "venue faults" or "http faults" or "scripted faults")
            .Where(r => !r.Item.StartsWith("  of which hedges", StringComparison.Ordinal))
            .Where(r => r.Count == 0)
            .Select(r => $"{r.Section}: {r.Item}")
            .ToList();
        var rejected = summary.Rows.Where(r => r.Section == "venue faults" && r.Item.StartsWith("rejected", StringComparison.Ordinal)).ToList();
        if (!rejected.Any(r => r.Item.Contains("permanent", StringComparison.Ordinal))) missing.Add("venue faults: a permanent rejection");
        if (!rejected.Any(r => r.Item.Contains("transient", StringComparison.Ordinal))) missing.Add("venue faults: a transient rejection");
        AssertNone(missing);
    }

    private void AssertNone(IReadOnlyList<string> problems, string? note = null)
    {
        if (note is not null) output.WriteLine(note);
        foreach (var problem in problems.Take(Shown)) output.WriteLine(problem);
        Assert.True(problems.Count == 0,
            $"{problems.Count} violation(s) (seed {soak.Plan.Seed}); the first:\n{string.Join("\n\n", problems.Take(Shown))}");
    }
}
