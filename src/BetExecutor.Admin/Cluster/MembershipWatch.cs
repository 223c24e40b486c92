using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using BetExecutor.Actors.Time;

namespace BetExecutor.Admin.Cluster;

/// <summary>
/// When this node saw each member up (Akka carries no wall-clock up time): members already up when the admin API
/// started count from then. Kept by a small actor subscribed to membership events for the server's lifetime.
/// </summary>
internal sealed class MembershipWatch : IDisposable
{
    private readonly ConcurrentDictionary<Address, DateTimeOffset> _upSince = new();
    private readonly ActorSystem _system;
    private readonly IActorRef _watcher;

    public MembershipWatch(ActorSystem system, IExecutorClock clock)
    {
        _system = system;
        _watcher = system.ActorOf(Props.Create(() => new Watcher(_upSince, clock)));
    }

    public DateTimeOffset? UpSince(Address address) => _upSince.TryGetValue(address, out var at) ? at : null;

    public void Dispose() => _system.Stop(_watcher);

    private sealed class Watcher : ReceiveActor
    {
        public Watcher(ConcurrentDictionary<Address, DateTimeOffset> upSince, IExecutorClock clock)
        {
            Receive<ClusterEvent.CurrentClusterState>(state =>
            {
                foreach (var member in state.Members.Where(m => m.Status == MemberStatus.Up)) upSince.TryAdd(member.Address, clock.UtcNow);
            });
            Receive<ClusterEvent.MemberUp>(up => upSince[up.Member.Address] = clock.UtcNow);
            Receive<ClusterEvent.MemberRemoved>(removed => upSince.TryRemove(removed.Member.Address, out _));
        }

        protected override void PreStart() =>
            Akka.Cluster.Cluster.Get(Context.System).Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsSnapshot,
                typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));

        protected override void PostStop() => Akka.Cluster.Cluster.Get(Context.System).Unsubscribe(Self);
    }
}
