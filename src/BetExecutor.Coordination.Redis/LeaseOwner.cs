namespace BetExecutor.Coordination.Redis;

/// <summary>
/// The owner stored in a lease key: the owner name Akka passes (the node's address as "system@host:port") plus the incarnation
/// of its actor system (the address uid the cluster also shows for the member). A node restarted on the same
/// host:port is a new owner: it cannot renew or release what its previous incarnation held, and waits for that
/// lease to expire like any other node.
/// </summary>
public static class LeaseOwner
{
    public static string Of(string ownerName, long incarnation)
    {
        if (string.IsNullOrWhiteSpace(ownerName))
            throw new ArgumentException("A lease owner name must not be empty.", nameof(ownerName));
        return $"{ownerName}#{incarnation}";
    }
}
