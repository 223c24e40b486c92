using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Pairs;
using BetExecutor.Soak.Tests.Support;

namespace BetExecutor.Soak.Tests;

/// <summary>
/// The soak's checks pass on a correct run; these show they would fail on a wrong one. Each takes the real run,
/// plants one violation of the kind the soak hunts for (in a copy of the book or of the outcomes) and expects the
/// check to name it.
/// </summary>
[Collection(SoakCollection.Name)]
public sealed class SoakChecksCatchViolationsTests(SoakFixture soak)
{
    private SoakResult Run => soak.Result;

    private PairView SettledPair => soak.Ledger.Executed.First(p => p.Outcome is PairOutcome.Settled);

    /// <summary>The settled pair's outcome, re-labelled as an exposure of <paramref name="reason"/> with the same legs.</summary>
    private static PairOutcome AsExposure(PairView pair, ExposureReason reason)
    {
        var settled = Assert.IsType<PairOutcome.Settled>(pair.Outcome);
        return new PairOutcome.Exposed(reason, "forged by the test", settled.Positive, settled.Hedge);
    }

    [Fact]
    public void A_second_bet_for_one_leg_is_reported_as_a_duplicate()
    {
        var hedge = SettledPair.Hedge!;
        var ledger = new SoakLedger(Run with { Book = [.. Run.Book, hedge with { BetId = hedge.BetId + "-again" }] });

        Assert.Contains(ledger.DuplicateOrStrayBets(), p => p.Contains(hedge.ClientReference.Value, StringComparison.Ordinal));
        Assert.Equal(1, ledger.DuplicateBetCount);
    }

    [Fact]
    public void A_positive_requested_twice_is_reported()
    {
        var pair = SettledPair;
        var references = Run.References
            .Select(r => r.ClientReference == pair.Pair.PositiveRef.Value ? r with { Requests = 2 } : r)
            .ToList();
        var ledger = new SoakLedger(Run with { References = references });

        Assert.Contains(ledger.RepeatedPlacements(), p => p.Contains(pair.Pair.PairId, StringComparison.Ordinal));
    }

    [Fact]
    public void A_hedge_held_without_its_positive_is_reported()
    {
        var pair = SettledPair;
        var ledger = new SoakLedger(Run with { Book = Run.Book.Where(b => b.BetId != pair.Positive!.BetId).ToList() });

        Assert.Contains(ledger.HedgesWithoutAcceptedPositive(), p => p.Contains(pair.Pair.PairId, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unhedged_positive_reported_as_settled_is_a_silent_imbalance()
    {
        var unhedged = soak.Ledger.Executed.First(p => p.Outcome is PairOutcome.Exposed { Reason: ExposureReason.Unhedged });
        var exposed = (PairOutcome.Exposed)unhedged.Outcome!;
        var ledger = new SoakLedger(Run with { Outcomes = Replace(unhedged, new PairOutcome.Settled(exposed.Positive, exposed.Hedge)) });

        Assert.Contains(ledger.SilentImbalances(), p => p.Contains(unhedged.Pair.PairId, StringComparison.Ordinal));
        Assert.Contains(ledger.OutcomesDisagreeingWithTheBook(), p => p.Contains(unhedged.Pair.PairId, StringComparison.Ordinal));
    }

    [Fact]
    public void An_exposure_reason_the_book_does_not_show_is_reported()
    {
        var pair = SettledPair;
        var ledger = new SoakLedger(Run with
        {
            Outcomes = Replace(pair, AsExposure(pair, ExposureReason.BothWon)),
        });

        Assert.Contains(ledger.OutcomesDisagreeingWithTheBook(), p => p.Contains(pair.Pair.PairId, StringComparison.Ordinal));
    }

    [Fact]
    public void An_unresolved_unknown_where_every_lookup_worked_is_reported()
    {
        var pair = SettledPair;
        var ledger = new SoakLedger(Run with
        {
            Outcomes = Replace(pair, AsExposure(pair, ExposureReason.UnresolvedUnknown)),
        });

        Assert.Contains(ledger.UnexplainedUnresolvedUnknowns(), p => p.Contains(pair.Pair.PairId, StringComparison.Ordinal));
    }

    private Dictionary<(string Identity, string PairId), PairOutcome> Replace(PairView pair, PairOutcome outcome)
    {
        var outcomes = Run.Outcomes.ToDictionary();
        outcomes[(pair.Pair.Owner.Key, pair.Pair.PairId)] = outcome;
        return outcomes;
    }
}
