using System.Globalization;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Domain.Pairs;

/// <summary>
/// Checks a venue's acceptance against what was asked before anything is sized from it. A venue that takes more
/// than was asked, or at a price no market quotes, is not trusted: a hedge sized from such an answer would move
/// real money on a lie (a 100 × stake once produced a 100 × hedge), and absurd numbers overflow the arithmetic.
/// </summary>
public static class VenueAnswerCheck
{
    /// <summary>No stake or payout above this is taken as real; it also keeps every product of stake and odds far from overflowing.</summary>
    public const decimal MaxMoney = 1_000_000_000m;

    /// <returns>null when the acceptance is within bounds; otherwise what is wrong with it, in words.</returns>
    public static string? Anomaly(LegAsk asked, AcceptedBet accepted, PairSettings settings)
    {
        var bounds = settings.Answers;
        if (accepted.Stake <= 0m)
            return $"accepted stake {Text(accepted.Stake)} is not positive";
        if (accepted.Stake > MaxMoney)
            return $"accepted stake {Text(accepted.Stake)} is above any sane stake ({Text(MaxMoney)})";
        if (accepted.Stake > asked.Stake + bounds.StakeRounding)
            return $"accepted stake {Text(accepted.Stake)} is above the asked {Text(asked.Stake)} (rounding allows {Text(bounds.StakeRounding)})";
        if (accepted.Odds < bounds.MinOdds || accepted.Odds > bounds.MaxOdds)
            return $"accepted odds {Text(accepted.Odds)} are outside {Text(bounds.MinOdds)}..{Text(bounds.MaxOdds)}";
        // Asked odds are above 1 (signal rules and hedge sizing), so this share is bounded by MaxOdds.
        var drift = asked.Odds > 0m ? Math.Abs(accepted.Odds - asked.Odds) / asked.Odds : decimal.MaxValue;
        if (drift > bounds.MaxOddsDrift)
            return $"accepted odds {Text(accepted.Odds)} are {drift:P0} away from the asked {Text(asked.Odds)} (at most {bounds.MaxOddsDrift:P0})";
        return null;
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a venue's acceptance may be, relative to what was asked.</summary>
/// <param name="StakeRounding">How far an accepted stake may exceed the asked one (a venue's rounding); beyond it the answer is an anomaly.</param>
/// <param name="MinOdds">Lowest accepted odds taken as real.</param>
/// <param name="MaxOdds">Highest accepted odds taken as real.</param>
/// <param name="MaxOddsDrift">How far (as a share of the asked odds) accepted odds may be from the asked ones, either way.</param>
public sealed record AnswerBounds(decimal StakeRounding, decimal MinOdds, decimal MaxOdds, decimal MaxOddsDrift)
{
    public static readonly AnswerBounds Default = new(StakeRounding: 0.01m, MinOdds: 1.01m, MaxOdds: 1000m, MaxOddsDrift: 0.5m);
}
