using BetExecutor.Domain.Legs;

namespace BetExecutor.Domain.Pairs;

/// <summary>
/// Sizes the hedge from the positive leg as the venue accepted it (stake and odds), never from what was asked,
/// so both outcomes pay the same: hedge stake = accepted stake × accepted odds ÷ hedge odds.
/// </summary>
/// <remarks>
/// Decimal arithmetic throws on overflow; a throw here would stop the pair and, restarted, throw again. So the
/// inputs are bounded first and any overflow left (an absurd stake step) is a refusal, which raises an exposure.
/// </remarks>
public static class HedgeSizing
{
    public abstract record Result
    {
        private Result() { }
        public sealed record Sized(decimal Stake, decimal Odds) : Result;
        public sealed record Refused(string Reason) : Result;
    }

    public static Result Size(AcceptedBet positive, decimal hedgeOdds, decimal minOdds, decimal stakeStep)
    {
        if (hedgeOdds < minOdds)
            return new Result.Refused($"hedge odds {hedgeOdds} are below the signal's minimum {minOdds}");
        if (hedgeOdds <= 1m)
            return new Result.Refused($"hedge odds {hedgeOdds} are not above 1");
        if (stakeStep <= 0m)
            return new Result.Refused($"hedge stake step {stakeStep} is not positive");
        if (positive.Stake is <= 0m or > VenueAnswerCheck.MaxMoney || positive.Odds is <= 1m or > VenueAnswerCheck.MaxMoney)
            return new Result.Refused($"the accepted positive ({positive.Stake} at {positive.Odds}) is out of bounds");
        decimal stake;
        try
        {
            stake = RoundToStep(positive.Stake * positive.Odds / hedgeOdds, stakeStep);
        }
        catch (OverflowException)
        {
            return new Result.Refused($"hedge stake for {positive.Stake} at {positive.Odds} does not fit a step of {stakeStep}");
        }
        return stake <= 0m
            ? new Result.Refused($"hedge stake rounds to {stake} at a step of {stakeStep}")
            : new Result.Sized(stake, hedgeOdds);
    }

    /// <summary>Rounds down to the venue's stake step: a stake is never raised above what was asked.</summary>
    public static decimal RoundDownToStep(decimal value, decimal step)
    {
        if (step <= 0m) throw new ArgumentOutOfRangeException(nameof(step), step, "stake step must be positive");
        return Math.Floor(value / step) * step;
    }

    /// <summary>Rounds to the venue's stake step, to the nearest step (half away from zero).</summary>
    public static decimal RoundToStep(decimal value, decimal step)
    {
        if (step <= 0m) throw new ArgumentOutOfRangeException(nameof(step), step, "stake step must be positive");
        return Math.Round(value / step, MidpointRounding.AwayFromZero) * step;
    }
}
