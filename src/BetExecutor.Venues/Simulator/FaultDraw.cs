using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Scripts;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venues.Simulator;

/// <summary>Draws one placement attempt's fate from a <see cref="FaultProfile"/>.</summary>
/// <remarks>
/// Every draw is made in the same order whatever the outcome, so what one attempt draws never depends on which
/// branch an earlier draw took: the stream stays easy to reason about when a profile is tuned.
/// </remarks>
internal static class FaultDraw
{
    private static readonly string[] PermanentCodes =
    [
        RejectionCodes.MarketClosed, RejectionCodes.InsufficientFunds, RejectionCodes.StakeAboveMax,
        RejectionCodes.OddsBelowMinimum,
    ];

    private static readonly string[] TransientCodes =
    [
        RejectionCodes.PriceChanged, RejectionCodes.RateLimited, RejectionCodes.ServiceBusy,
        RejectionCodes.MarketSuspended,
    ];

    public static VenueDecision Decide(FaultProfile profile, Random random, LegOrder request)
    {
        var outcome = random.NextDouble();
        var permanentCode = PermanentCodes[random.Next(PermanentCodes.Length)];
        var transientCode = TransientCodes[random.Next(TransientCodes.Length)];
        var movesOdds = random.NextDouble() < profile.MovedOdds;
        var movedOdds = MoveOdds(request.Odds, profile.MaxOddsMove, random);
        var cutsStake = random.NextDouble() < profile.StakeCut;
        var cutStake = CutStake(request.Stake, profile.MinStakeFraction, random);
        var showsLate = random.NextDouble() < profile.LateVisibility;
        var delay = TimeSpan.FromMilliseconds(1 + random.NextInt64((long)profile.MaxVisibilityDelay.TotalMilliseconds));
        var settlement = DrawSettlement(profile.Settlements, random);

        var taken = new VenueDecision(
            PlaceBehaviour.Accept,
            cutsStake ? cutStake : request.Stake,
            movesOdds ? movedOdds : request.Odds,
            showsLate ? delay : TimeSpan.Zero,
            settlement);

        // Outcome bands laid end to end on [0, 1); whatever is past the last fault is an acceptance.
        var bound = profile.RejectPermanent;
        if (outcome < bound) return taken with { Behaviour = PlaceBehaviour.Reject, Code = permanentCode };
        bound += profile.RejectTransient;
        if (outcome < bound)
        {
            // A price change tells the client the venue's price, as real venues do, so a re-price can be tested.
            var current = transientCode == RejectionCodes.PriceChanged ? movedOdds : (decimal?)null;
            return taken with { Behaviour = PlaceBehaviour.Reject, Code = transientCode, CurrentOdds = current };
        }
        bound += profile.TimeoutPlaced;
        if (outcome < bound) return taken with { Behaviour = PlaceBehaviour.TimeoutPlaced };
        bound += profile.TimeoutNotPlaced;
        if (outcome < bound) return taken with { Behaviour = PlaceBehaviour.TimeoutNotPlaced };
        bound += profile.ServerError;
        if (outcome < bound) return taken with { Behaviour = PlaceBehaviour.Error };
        return taken;
    }

    /// <summary>Other odds, up or down by at most <paramref name="maxMove"/> of the asked odds, never the asked odds, never below 1.01.</summary>
    private static decimal MoveOdds(decimal asked, decimal maxMove, Random random)
    {
        var direction = random.Next(2) == 0 ? -1m : 1m;
        var size = (decimal)(1.0 - random.NextDouble()) * maxMove; // (0, maxMove]
        var moved = Math.Max(1.01m, Math.Round(asked * (1m + direction * size), 2, MidpointRounding.ToZero));
        if (moved == asked) moved = asked + 0.01m;
        return moved;
    }

    /// <summary>Less than asked, at least <paramref name="minFraction"/> of it, in whole cents; the asked stake if it cannot be cut.</summary>
    private static decimal CutStake(decimal asked, decimal minFraction, Random random)
    {
        var fraction = minFraction + (decimal)random.NextDouble() * (1m - minFraction);
        var cut = Math.Round(asked * fraction, 2, MidpointRounding.ToZero);
        if (cut >= asked) cut = asked - 0.01m;
        return cut >= 0.01m ? cut : asked;
    }

    private static SettlementState DrawSettlement(IReadOnlyDictionary<SettlementState, double> weights, Random random)
    {
        // Enum order, not dictionary order: the same weights must give the same draw in any dictionary.
        var states = Enum.GetValues<SettlementState>();
        var total = states.Sum(s => weights.GetValueOrDefault(s));
        var point = random.NextDouble() * total;
        var last = SettlementState.Pending;
        foreach (var state in states)
        {
            var weight = weights.GetValueOrDefault(state);
            if (weight <= 0) continue;
            last = state;
            if (point < weight) return state;
            point -= weight;
        }
        return last; // only reached through floating-point rounding at the very top of the range
    }
}
