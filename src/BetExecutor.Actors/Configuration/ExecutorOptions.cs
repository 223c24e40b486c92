using BetExecutor.Venues.Http;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Configuration;

/// <summary>
/// Everything under <c>bet-executor</c>, typed and range-checked (see reference.conf for each setting's meaning).
/// Built only by <see cref="ExecutorConfiguration"/>, so its defaults are always the reference file's.
/// </summary>
/// <param name="AccountIdlePassivation">A sharded account with nothing in flight passivates after this long without a message; null: never.</param>
/// <param name="KillSwitch">How an executor node follows the global kill switch's journal.</param>
public sealed record ExecutorOptions(
    AccountSettings Account,
    PairSettings Pair,
    TimeSpan PairRestartDelay,
    int AccountSnapshotEvery,
    int Shards,
    IdentityPolicies Limits,
    HttpVenueClientOptions VenueClient,
    string DataDirectory,
    TimeSpan? AccountIdlePassivation,
    KillSwitchTimings KillSwitch)
{
    /// <summary>The settings one start of a node runs with; <paramref name="node"/> is stamped on every event it writes.</summary>
    public ExecutorSettings ToSettings(string node) =>
        new(Account, Pair, node, Guid.NewGuid().ToString("N"), PairRestartDelay, AccountSnapshotEvery, Limits);

    /// <summary>Whether every identity the node may see is dry-run (the default and every listed identity).</summary>
    public bool EveryIdentityDryRun => Limits.Default.DryRun && Limits.ByIdentity.Values.All(l => l.DryRun);
}

/// <summary><c>bet-executor.kill-switch</c>: how often a node re-reads the switch's journal, and how long its start waits for the first read.</summary>
public sealed record KillSwitchTimings(TimeSpan RefreshInterval, TimeSpan StartWait);
