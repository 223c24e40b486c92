using BetExecutor.Actors.Configuration;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors;

/// <summary>
/// The settings one start of a node runs with: the typed <c>bet-executor</c> section (see reference.conf, read by
/// <see cref="ExecutorConfiguration"/>) plus who this node is.
/// </summary>
/// <param name="Node">This node's name, stamped on every event it writes.</param>
/// <param name="Incarnation">Unique per start of the node: tells apart two writers with the same node name.</param>
/// <param name="PairRestartDelay">Wait before a pair that stopped unexpectedly (e.g. its journal failed) is started again from its events.</param>
/// <param name="AccountSnapshotEvery">An account saves a snapshot after this many events: the most a recovery replays.</param>
/// <param name="Policies">Per-identity limits and dry-run flags.</param>
public sealed record ExecutorSettings(
    AccountSettings Account,
    PairSettings Pair,
    string Node,
    string Incarnation,
    TimeSpan PairRestartDelay,
    int AccountSnapshotEvery,
    IdentityPolicies Policies)
{
    /// <summary>Per-identity limits and dry-run flags.</summary>
    public IdentityPolicies Limits => Policies;

    /// <summary>How a pair of <paramref name="signal"/> runs: the hedge is rounded to the hedge identity's stake step.</summary>
    public PairSettings PairFor(Domain.Signals.Signal? signal) =>
        signal is null ? Pair : Pair with { HedgeStakeStep = Limits.For(signal.Hedge.Identity).StakeStep };

    /// <summary>reference.conf's defaults, for a node named <paramref name="node"/>.</summary>
    public static ExecutorSettings Default(string node) => ExecutorConfiguration.Defaults.ToSettings(node);
}
