using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors;

/// <summary>The executor's settings, read from HOCON (<c>bet-executor { ... }</c>) by the host.</summary>
/// <param name="Node">This node's name, stamped on every event it writes.</param>
/// <param name="Incarnation">Unique per start of the node: tells apart two writers with the same node name.</param>
/// <param name="PairRestartDelay">Wait before a pair that stopped unexpectedly (e.g. its journal failed) is started again from its events.</param>
/// <param name="AccountSnapshotEvery">An account saves a snapshot after this many events: the most a recovery replays.</param>
public sealed record ExecutorSettings(
    AccountSettings Account,
    PairSettings Pair,
    string Node,
    string Incarnation,
    TimeSpan PairRestartDelay,
    int AccountSnapshotEvery = 100,
    IdentityPolicies? Policies = null)
{
    /// <summary>Per-identity limits and dry-run flags; nothing limited unless configured.</summary>
    public IdentityPolicies Limits => Policies ?? IdentityPolicies.Unlimited;

    /// <summary>How a pair of <paramref name="owner"/> runs: the hedge is rounded to the hedge venue's step.</summary>
    public PairSettings PairFor(Domain.Signals.Signal? signal) =>
        signal is null ? Pair : Pair with { HedgeStakeStep = Limits.For(signal.Hedge.Identity).StakeStep };

    public static ExecutorSettings Default(string node) => new(
        AccountSettings.Default,
        PairSettings.Default,
        node,
        Guid.NewGuid().ToString("N"),
        TimeSpan.FromSeconds(5));
}
