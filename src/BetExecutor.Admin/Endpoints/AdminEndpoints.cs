namespace BetExecutor.Admin.Endpoints;

/// <summary>The admin API's endpoint groups, built once per server.</summary>
internal sealed record AdminEndpoints(
    ClusterEndpoints Cluster,
    ShardingEndpoints Sharding,
    IdentityEndpoints Identities,
    ExposureEndpoints Exposures,
    KillSwitchEndpoints KillSwitch,
    HistoryEndpoints History);
