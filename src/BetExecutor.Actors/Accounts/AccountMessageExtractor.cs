using Akka.Cluster.Sharding;

namespace BetExecutor.Actors.Accounts;

/// <summary>Routes every account command to the entity of its identity (entity id = the identity's key).</summary>
public sealed class AccountMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    public const string TypeName = "account";

    public override string EntityId(object message) => message switch
    {
        IAccountCommand command => command.Identity.Key,
        _ => null!,
    };
}
