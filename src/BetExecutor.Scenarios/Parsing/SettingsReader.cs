using BetExecutor.Ingress.Json;

namespace BetExecutor.Scenarios.Parsing;

/// <summary>Reads <c>settings</c>; every key is optional and falls back to <see cref="ScenarioSettings.Default"/>.</summary>
internal static class SettingsReader
{
    // Bounds the expiry so it stays far inside what TimeSpan and DateTimeOffset arithmetic can hold.
    private const int MaxExposureExpiryHours = 100 * 366 * 24;

    public static ScenarioSettings Read(JsonObjectReader root)
    {
        var defaults = ScenarioSettings.Default;
        var fields = root.Object("settings", Need.Optional,
            "cooldownSeconds", "maxSettlementPolls", "pollIntervalSeconds", "unknownWindowSeconds",
            "hedgeMaxAttempts", "exposureExpiryHours", "exposureBlocksIdentity", "identities");
        if (fields is null) return defaults;

        return new ScenarioSettings
        {
            Cooldown = Seconds(fields.Int("cooldownSeconds", 0, int.MaxValue)) ?? defaults.Cooldown,
            MaxSettlementPolls = fields.Int("maxSettlementPolls", 1, 10_000) ?? defaults.MaxSettlementPolls,
            PollInterval = Seconds(fields.Int("pollIntervalSeconds", 1, int.MaxValue)) ?? defaults.PollInterval,
            UnknownWindow = Seconds(fields.Int("unknownWindowSeconds", 1, int.MaxValue)) ?? defaults.UnknownWindow,
            HedgeMaxAttempts = fields.Int("hedgeMaxAttempts", 1, int.MaxValue) ?? defaults.HedgeMaxAttempts,
            ExposureExpiry = Hours(fields.Int("exposureExpiryHours", 1, MaxExposureExpiryHours)) ?? defaults.ExposureExpiry,
            ExposureBlocksIdentity = fields.Bool("exposureBlocksIdentity") ?? defaults.ExposureBlocksIdentity,
            Limits = IdentityLimitsReader.Read(fields),
        };
    }

    private static TimeSpan? Seconds(int? value) => value is { } seconds ? TimeSpan.FromSeconds(seconds) : null;

    private static TimeSpan? Hours(int? value) => value is { } hours ? TimeSpan.FromHours(hours) : null;
}
