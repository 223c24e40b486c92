using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;

namespace BetExecutor.Gateway.Tests.Support;

/// <summary>A clustered actor system of its own on a free loopback port, with one role, for readiness to look at.</summary>
public sealed class LoneMember : IAsyncDisposable
{
    private LoneMember(ActorSystem system) => System = system;

    public ActorSystem System { get; }

    /// <summary>Started, not yet a member: <see cref="JoinSelfAsync"/> makes it one.</summary>
    public static LoneMember Start(string role) => new(ActorSystem.Create($"lone-{role}", ConfigurationFactory.ParseString($$"""
        akka.actor.provider = cluster
        akka.remote.dot-netty.tcp { hostname = "127.0.0.1", port = 0 }
        akka.cluster.roles = [{{role}}]
        akka.loglevel = WARNING
        akka.stdout-loglevel = OFF
        """)));

    /// <summary>Forms a cluster of this one member and waits until the member is up.</summary>
    public async Task JoinSelfAsync()
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cluster = Cluster.Get(System);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));
        // The callback comes from the cluster's core; what readiness reads (its state view) follows a moment later.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (cluster.SelfMember.Status != MemberStatus.Up || cluster.State.Members.All(m => m.Status != MemberStatus.Up))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the member's state view never showed it up");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance);
        System.Dispose();
    }
}
