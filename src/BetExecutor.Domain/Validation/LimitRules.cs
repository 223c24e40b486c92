using BetExecutor.Domain.Accounts;

namespace BetExecutor.Domain.Validation;

/// <summary>
/// The bounds of an identity's limits, wherever they are written (a scenario file, the node's settings). Field
/// names are the limits' own (<c>stakeStep</c>); a reader prefixes them or maps them to its spelling.
/// </summary>
public static class LimitRules
{
    public const int MaxOpenPairsCeiling = 10_000;

    public static IReadOnlyList<FieldError> Validate(IdentityLimits limits)
    {
        var errors = new List<FieldError>();
        if (limits.MinStake is { } min) ValueBounds.CheckStake("minStake", min, errors);
        if (limits.MaxStake is { } max) ValueBounds.CheckStake("maxStake", max, errors);
        ValueBounds.CheckStakeStep("stakeStep", limits.StakeStep, errors);
        if (limits.MaxOpenPairs is < 1 or > MaxOpenPairsCeiling)
            errors.Add(new FieldError("maxOpenPairs", $"must be between 1 and {MaxOpenPairsCeiling}"));
        if (limits.MaxDailyStake is { } daily) ValueBounds.CheckStake("maxDailyStake", daily, errors, ValueBounds.MaxDailyStake);
        if (limits.LimitedBelowShare is < 0m or > 1m)
            errors.Add(new FieldError("limitedBelowShare", "must be between 0 and 1"));
        if (limits is { MinStake: { } low, MaxStake: { } high } && low > high)
            errors.Add(new FieldError("minStake", $"{low} is above maxStake {high}"));
        return errors;
    }
}
