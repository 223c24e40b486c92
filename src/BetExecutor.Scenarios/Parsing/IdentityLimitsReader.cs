using System.Text.Json;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Validation;
using BetExecutor.Ingress.Json;
using BetExecutor.Ingress.Signals;

namespace BetExecutor.Scenarios.Parsing;

/// <summary>
/// Reads <c>settings.identities</c>: a list of <c>{"identity": {...}, "minStake", "maxStake", "stakeStep",
/// "maxOpenPairs", "maxDailyStake", "limitedBelowShare", "dryRun"}</c>, every limit optional.
/// </summary>
internal static class IdentityLimitsReader
{
    public static IdentityPolicies Read(JsonObjectReader settings)
    {
        var policies = IdentityPolicies.Unlimited;
        if (!settings.TryGet("identities", out var array)) return policies;
        var path = settings.PathOf("identities");
        if (array.ValueKind != JsonValueKind.Array)
        {
            settings.Errors.Add(path, $"must be a list, not {JsonObjectReader.Describe(array)}");
            return policies;
        }
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var entry = JsonObjectReader.Open(element, $"{path}[{index++}]", settings.Errors,
                "identity", "minStake", "maxStake", "stakeStep", "maxOpenPairs", "maxDailyStake", "limitedBelowShare", "dryRun");
            if (entry is null || IdentityJson.Read(entry, "identity") is not { } identity) continue;
            var limits = new IdentityLimits(
                MinStake: Positive(entry, "minStake"),
                MaxStake: Positive(entry, "maxStake"),
                StakeStep: Positive(entry, "stakeStep") ?? IdentityLimits.Unlimited.StakeStep,
                MaxOpenPairs: entry.Int("maxOpenPairs", 1, int.MaxValue),
                MaxDailyStake: Positive(entry, "maxDailyStake"),
                LimitedBelowShare: Share(entry, "limitedBelowShare") ?? IdentityLimits.Unlimited.LimitedBelowShare,
                DryRun: entry.Bool("dryRun") ?? false);
            // The bounds every limit has wherever it is written; a field already refused above is not reported twice.
            entry.Errors.AddUnder(entry.Path, LimitRules.Validate(limits));
            policies = policies.With(identity, limits);
        }
        return policies;
    }

    private static decimal? Positive(JsonObjectReader entry, string name)
    {
        var value = entry.Decimal(name, Need.Optional);
        if (value is not > 0m && value is not null) entry.Errors.Add(entry.PathOf(name), "must be greater than 0");
        return value is > 0m ? value : null;
    }

    private static decimal? Share(JsonObjectReader entry, string name)
    {
        var value = entry.Decimal(name, Need.Optional);
        if (value is < 0m or > 1m) entry.Errors.Add(entry.PathOf(name), "must be between 0 and 1");
        return value is >= 0m and <= 1m ? value : null;
    }
}
