using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Domain.Pairs;

/// <summary>
/// Classifies the final states of a back/hedge pair. For an arbitrage, exactly one leg is expected to win and the
/// other to lose, or both to be voided (everything refunded). Anything else left money exposed.
/// </summary>
public static class SettlementClassifier
{
    /// <returns>null when the outcome is the expected, balanced one; otherwise the exposure reason.</returns>
    public static ExposureReason? Classify(SettlementState positive, SettlementState hedge)
    {
        if (!positive.IsFinal() || !hedge.IsFinal())
            throw new ArgumentException($"both legs must be final to classify ({positive}, {hedge})");

        // Void is checked first: a refund on one side leaves the other side's whole stake riding, whatever it did.
        var voids = (positive == SettlementState.Void ? 1 : 0) + (hedge == SettlementState.Void ? 1 : 0);
        if (voids == 2) return null;
        if (voids == 1) return ExposureReason.VoidOneSide;

        if (IsPartial(positive) || IsPartial(hedge)) return ExposureReason.PartialSettlement;

        return (positive, hedge) switch
        {
            (SettlementState.Won, SettlementState.Lost) => null,
            (SettlementState.Lost, SettlementState.Won) => null,
            (SettlementState.Won, SettlementState.Won) => ExposureReason.BothWon,
            _ => ExposureReason.BothLost,
        };
    }

    private static bool IsPartial(SettlementState state) =>
        state is SettlementState.HalfWon or SettlementState.HalfLost;
}
