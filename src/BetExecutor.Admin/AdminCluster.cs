using Akka.Actor;
using BetExecutor.Actors.Time;

namespace BetExecutor.Admin;

/// <summary>
/// What the admin API answers from: the node's actor system (membership, sharding, the journal), the account shard
/// region or its proxy, and the kill switch's singleton proxy. It holds no state of its own.
/// </summary>
/// <param name="Accounts">The account shard region (executor) or its proxy (gateway only): every account ask goes through it.</param>
/// <param name="KillSwitch">The global kill switch's singleton proxy.</param>
/// <param name="Shards">The number of account shards (bet-executor.shards): which shard an identity is in.</param>
/// <param name="ExecutorRole">The role of members that host accounts (and the switch's replica).</param>
/// <param name="PersistenceIds">The journal's persistence ids starting with a prefix; null when the journal cannot list them (in memory).</param>
/// <param name="Clock">Stamps answers and judges exposures' status (tests pass the virtual clock).</param>
public sealed record AdminCluster(
    ActorSystem System,
    IActorRef Accounts,
    IActorRef KillSwitch,
    int Shards,
    string ExecutorRole,
    Func<string, CancellationToken, Task<IReadOnlyList<string>>>? PersistenceIds,
    IExecutorClock Clock);
