using Akka.Cluster.Sharding;

namespace BetExecutor.Actors.Accounts;

/// <summary>
/// Routes every account command to the entity of its identity (entity id = the identity's key). Never throws: a
/// message it cannot route (not an account command, or one without an identity, as a lenient deserialiser could
/// once produce) gets no entity id, so the region drops it to dead letters instead of failing.
/// </summary>
public sealed class AccountMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    public const string TypeName = "account";

    public override string EntityId(object message) => message switch
    {
        IAccountCommand { Identity: { } identity } => identity.Key,
        _ => null!,
    };

    /// <summary>The base hashes the entity id; an id that could not be extracted has no shard rather than a NullReferenceException.</summary>
    public override string ShardId(string entityId, object? messageHint = null) =>
        entityId is null ? null! : base.ShardId(entityId, messageHint);
}
