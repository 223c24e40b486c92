using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Legs.SettlementState;

namespace BetExecutor.Domain.Tests;

public class SettlementClassifierTests
{
    /// <summary>Every (positive, hedge) pair of final states: 5 × 5 = 25 rows. null = Settled (the expected outcome).</summary>
    public static TheoryData<SettlementState, SettlementState, ExposureReason?> AllFinalCombinations => new()
    {
        { Won, Lost, null },
        { Lost, Won, null },
        { SettlementState.Void, SettlementState.Void, null },

        { Won, Won, ExposureReason.BothWon },
        { Lost, Lost, ExposureReason.BothLost },

        { SettlementState.Void, Won, ExposureReason.VoidOneSide },
        { SettlementState.Void, Lost, ExposureReason.VoidOneSide },
        { SettlementState.Void, HalfWon, ExposureReason.VoidOneSide },
        { SettlementState.Void, HalfLost, ExposureReason.VoidOneSide },
        { Won, SettlementState.Void, ExposureReason.VoidOneSide },
        { Lost, SettlementState.Void, ExposureReason.VoidOneSide },
        { HalfWon, SettlementState.Void, ExposureReason.VoidOneSide },
        { HalfLost, SettlementState.Void, ExposureReason.VoidOneSide },

        { HalfWon, Won, ExposureReason.PartialSettlement },
        { HalfWon, Lost, ExposureReason.PartialSettlement },
        { HalfWon, HalfWon, ExposureReason.PartialSettlement },
        { HalfWon, HalfLost, ExposureReason.PartialSettlement },
        { HalfLost, Won, ExposureReason.PartialSettlement },
        { HalfLost, Lost, ExposureReason.PartialSettlement },
        { HalfLost, HalfWon, ExposureReason.PartialSettlement },
        { HalfLost, HalfLost, ExposureReason.PartialSettlement },
        { Won, HalfWon, ExposureReason.PartialSettlement },
        { Won, HalfLost, ExposureReason.PartialSettlement },
        { Lost, HalfWon, ExposureReason.PartialSettlement },
        { Lost, HalfLost, ExposureReason.PartialSettlement },
    };

    [Theory]
    [MemberData(nameof(AllFinalCombinations))]
    public void Each_combination_of_final_states_has_its_classification(SettlementState positive, SettlementState hedge, ExposureReason? expected)
    {
        Assert.Equal(expected, SettlementClassifier.Classify(positive, hedge));
    }

    [Fact]
    public void The_table_covers_every_combination_of_final_states_once()
    {
        var finals = Enum.GetValues<SettlementState>().Where(s => s.IsFinal()).ToArray();
        var rows = AllFinalCombinations.Select(row => ((SettlementState)row[0], (SettlementState)row[1])).ToArray();

        Assert.Equal(25, rows.Length);
        Assert.Equal(finals.Length * finals.Length, rows.Distinct().Count());
        Assert.All(finals.SelectMany(p => finals.Select(h => (p, h))), combination => Assert.Contains(combination, rows));
    }

    [Theory]
    [InlineData(Pending, Won)]
    [InlineData(Won, Pending)]
    [InlineData(Pending, Pending)]
    [InlineData(Pending, SettlementState.Void)]
    public void A_pending_leg_cannot_be_classified(SettlementState positive, SettlementState hedge)
    {
        Assert.Throws<ArgumentException>(() => SettlementClassifier.Classify(positive, hedge));
    }

    [Fact]
    public void Only_pending_is_not_final()
    {
        Assert.Equal([Pending], Enum.GetValues<SettlementState>().Where(s => !s.IsFinal()));
    }
}
