using System.Collections.Concurrent;
using Akka.Actor;

namespace BetExecutor.Actors.Accounts;

/// <summary>
/// Hands <see cref="NodeStorageLost"/> from the node's event stream to every live account. One subscriber per actor
/// system instead of one per account: the event stream checks each new subscriber against all the others and removes
/// a stopped one by scanning them all, so with an account per identity every start and stop cost O(live accounts),
/// O(n²) for a burst of new identities or a recovery. Here joining and leaving are O(1).
/// </summary>
/// <remarks>
/// An account joins in PreStart, before any message of its own, as it subscribed before: whatever is published after
/// it joined reaches it. The relay forwards what it receives to the accounts live when it handles it, so an account
/// that joined between the publication and the forwarding hears it too (one hop later than a direct subscriber would).
/// </remarks>
public sealed class StorageLossRelay : IExtension
{
    private readonly ConcurrentDictionary<IActorRef, byte> _accounts = new();

    public StorageLossRelay(ExtendedActorSystem system)
    {
        var forwarder = system.SystemActorOf(Props.Create(() => new Forwarder(this)), "storage-loss-relay");
        system.EventStream.Subscribe(forwarder, typeof(NodeStorageLost));
    }

    public static StorageLossRelay Get(ActorSystem system) => system.WithExtension<StorageLossRelay, StorageLossRelayProvider>();

    public void Join(IActorRef account) => _accounts[account] = 0;

    public void Leave(IActorRef account) => _accounts.TryRemove(account, out _);

    /// <summary>How many accounts would hear a storage loss now.</summary>
    public int Live => _accounts.Count;

    private sealed class Forwarder : ReceiveActor
    {
        public Forwarder(StorageLossRelay relay)
        {
            Receive<NodeStorageLost>(lost =>
            {
                foreach (var account in relay._accounts.Keys) account.Tell(lost, ActorRefs.NoSender);
            });
        }
    }
}

public sealed class StorageLossRelayProvider : ExtensionIdProvider<StorageLossRelay>
{
    public override StorageLossRelay CreateExtension(ExtendedActorSystem system) => new(system);
}
