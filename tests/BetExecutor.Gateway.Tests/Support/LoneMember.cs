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
    }

    public async ValueTask DisposeAsync()
    {
        await CoordinatedShutdown.Get(System).Run(CoordinatedShutdown.ClrExitReason.Instance);
        System.Dispose();
    }
}
