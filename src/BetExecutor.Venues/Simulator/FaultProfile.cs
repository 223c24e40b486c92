using BetExecutor.Domain.Legs;

namespace BetExecutor.Venues.Simulator;

/// <summary>
/// Seeded random behaviour for references nobody scripted (soak tests). Placement outcome probabilities are per
/// attempt, so a transient rejection may be followed by an acceptance on retry; whatever is left after them is
/// an acceptance. The other probabilities apply to a bet once the venue takes it, and are drawn independently.
/// </summary>
public sealed record FaultProfile
{
    /// <summary>Refused with a code retrying cannot help (market closed, funds, limits).</summary>
    public double RejectPermanent { get; init; }

    /// <summary>Refused with a code a retry may get past (price changed, rate limited, busy, suspended).</summary>
    public double RejectTransient { get; init; }

    /// <summary>Bet taken, answer lost: the client sees Unknown and must find the bet by reference.</summary>
    public double TimeoutPlaced { get; init; }

    /// <summary>Bet not taken, answer lost: the client sees Unknown and the lookup finds nothing.</summary>
    public double TimeoutNotPlaced { get; init; }

    /// <summary>Server error, bet not taken: the client sees Unknown.</summary>
    public double ServerError { get; init; }

    /// <summary>A taken bet is taken at other odds, up or down by at most <see cref="MaxOddsMove"/> (relative).</summary>
    public double MovedOdds { get; init; }

    public decimal MaxOddsMove { get; init; } = 0.10m;

    /// <summary>A taken bet is accepted for less, between <see cref="MinStakeFraction"/> of the asked stake and just under it.</summary>
    public double StakeCut { get; init; }

    public decimal MinStakeFraction { get; init; } = 0.25m;

    /// <summary>A taken bet shows in lookups only after a delay of up to <see cref="MaxVisibilityDelay"/>.</summary>
    public double LateVisibility { get; init; }

    public TimeSpan MaxVisibilityDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Relative weights of the state a taken bet settles in. The default mix has every final state and no
    /// Pending, so a soak run ends; give Pending a weight to exercise the poll limit.
    /// </summary>
    public IReadOnlyDictionary<SettlementState, double> Settlements { get; init; } = DefaultSettlements;

    public static readonly IReadOnlyDictionary<SettlementState, double> DefaultSettlements =
        new Dictionary<SettlementState, double>
        {
            [SettlementState.Won] = 0.45,
            [SettlementState.Lost] = 0.45,
            [SettlementState.Void] = 0.04,
            [SettlementState.HalfWon] = 0.03,
            [SettlementState.HalfLost] = 0.03,
        };

    /// <summary>Everything wrong with the profile; empty when it can be used.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        CheckProbability(nameof(RejectPermanent), RejectPermanent, errors);
        CheckProbability(nameof(RejectTransient), RejectTransient, errors);
        CheckProbability(nameof(TimeoutPlaced), TimeoutPlaced, errors);
        CheckProbability(nameof(TimeoutNotPlaced), TimeoutNotPlaced, errors);
        CheckProbability(nameof(ServerError), ServerError, errors);
        CheckProbability(nameof(MovedOdds), MovedOdds, errors);
        CheckProbability(nameof(StakeCut), StakeCut, errors);
        CheckProbability(nameof(LateVisibility), LateVisibility, errors);

        var placementFaults = RejectPermanent + RejectTransient + TimeoutPlaced + TimeoutNotPlaced + ServerError;
        if (placementFaults > 1.0)
            errors.Add($"the placement fault probabilities add up to {placementFaults}, more than 1");
        if (MaxOddsMove <= 0m || MaxOddsMove >= 1m)
            errors.Add($"{nameof(MaxOddsMove)} must be above 0 and below 1, not {MaxOddsMove}");
        if (MinStakeFraction <= 0m || MinStakeFraction >= 1m)
            errors.Add($"{nameof(MinStakeFraction)} must be above 0 and below 1, not {MinStakeFraction}");
        if (MaxVisibilityDelay < TimeSpan.FromMilliseconds(1) || MaxVisibilityDelay > TimeSpan.FromDays(1))
            errors.Add($"{nameof(MaxVisibilityDelay)} must be between 1 ms and 1 day, not {MaxVisibilityDelay}");
        if (Settlements.Values.Any(w => w < 0 || !double.IsFinite(w)) || !(Settlements.Values.Sum() > 0))
            errors.Add($"{nameof(Settlements)} weights must be finite, not negative, and add up to more than 0");
        return errors;
    }

    private static void CheckProbability(string name, double value, List<string> errors)
    {
        if (!(value >= 0.0 && value <= 1.0)) errors.Add($"{name} must be a probability between 0 and 1, not {value}");
    }
}
