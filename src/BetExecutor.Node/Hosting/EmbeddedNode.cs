using Akka.Actor;
using Akka.Hosting;
using BetExecutor.Actors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serilog;

namespace BetExecutor.Node.Hosting;

/// <summary>
/// An executor node running inside the current process, on the same host chain as a deployed node: used by the
/// demo, the scenario runner and the tests. Starts a one-node cluster (unless given seeds) and waits until it is up.
/// </summary>
public sealed class EmbeddedNode : IAsyncDisposable
{
    private readonly IHost _host;

    private readonly NodeOptions _options;
    private readonly NodeConfiguration _configuration;
    private readonly ExecutorServices _services;

    private EmbeddedNode(IHost host, ActorSystem system, IActorRef accounts, NodeRefusal refusal, NodeOptions options, NodeConfiguration configuration, ExecutorServices services)
    {
        _host = host;
        _options = options;
        _configuration = configuration;
        _services = services;
        System = system;
        Accounts = accounts;
        Refusal = refusal;
    }

    public ActorSystem System { get; }

    /// <summary>Completes if the cluster refuses this node (its persistence differs from the members').</summary>
    public NodeRefusal Refusal { get; }

    /// <summary>The account shard region: send it any <see cref="Actors.Accounts.IAccountCommand"/>.</summary>
    public IActorRef Accounts { get; }

    /// <summary>Whether this node's acceptances record per-acceptance client references (Redis retention is on).</summary>
    public bool ReferencePerAcceptance => _configuration.Options.Account.ReferencePerAcceptance;

    public static async Task<EmbeddedNode> StartAsync(
        NodeOptions options, ExecutorServices services, ILogger logger, Action<AkkaConfigurationBuilder>? extra = null,
        CancellationToken cancellationToken = default)
    {
        var configuration = NodeConfiguration.Load(options.ExtraHocon);
        var refusal = new NodeRefusal();
        var host = NodeHostBuilder.Create()
            .UseSerilog(logger, dispose: false)
            .ConfigureServices(s => s.AddAkka(options.ActorSystemName, builder =>
            {
                builder.AddBetExecutorNode(options, configuration, services, refusal);
                extra?.Invoke(builder);
            }))
            .Build();
        try
        {
            await host.StartAsync(cancellationToken);
            var system = host.Services.GetRequiredService<ActorSystem>();
            await WhenMemberUp(system, refusal, TimeSpan.FromSeconds(30));
            var registry = host.Services.GetRequiredService<IActorRegistry>();
            var accounts = await registry.GetAsync<AccountRegion>(cancellationToken);
            return new EmbeddedNode(host, system, accounts, refusal, options, configuration, services);
        }
        catch
        {
            // Refused by the cluster while its start-up tasks ran (they saw the system stop): the caller reads Refusal.
            if (await RefusedWhileStartingAsync(refusal))
                return new EmbeddedNode(host, host.Services.GetRequiredService<ActorSystem>(), ActorRefs.Nobody, refusal, options, configuration, services);
            // A node that did not come up must not keep running unowned in the caller's process.
            await host.StopAsync(CancellationToken.None);
            host.Dispose();
            throw;
        }
    }

    /// <summary>
    /// A start that failed because the cluster refused the node: its reason may arrive after the failure. The node's
    /// start-up tasks (the kill switch's replica, singleton proxies, the lease) see the system stop as soon as the
    /// member downs it, and on a busy machine the refusal's message can take seconds more: waited for up to 10 s,
    /// only on this failing path.
    /// </summary>
    private static async Task<bool> RefusedWhileStartingAsync(NodeRefusal refusal)
    {
        await Task.WhenAny(refusal.Refused, Task.Delay(TimeSpan.FromSeconds(10)));
        return refusal.Reason is not null;
    }

    /// <summary>
    /// Until the node is up, or refused by the cluster (the caller reads <see cref="Refusal"/>). A system that stops
    /// first (it gave up joining its seeds, or was downed while joining) fails the start at once, as a join that timed
    /// out; a refusal's reason may still follow it.
    /// </summary>
    private static async Task WhenMemberUp(ActorSystem system, NodeRefusal refusal, TimeSpan timeout)
    {
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Akka.Cluster.Cluster.Get(system).RegisterOnMemberUp(() => up.TrySetResult());
        var finished = await Task.WhenAny(up.Task, refusal.Refused, system.WhenTerminated, Task.Delay(timeout));
        if (finished == system.WhenTerminated) throw new TimeoutException("the node stopped before it joined its cluster (it gave up joining, or was downed)");
        if (finished != up.Task && finished != refusal.Refused) throw new TimeoutException($"the node did not join its cluster within {timeout}");
    }

    /// <summary>Starts this node's admin API (as a deployed node does when it has a token); the caller disposes it.</summary>
    public Task<NodeAdmin> StartAdminAsync(Admin.Configuration.AdminOptions admin, ILogger logger) =>
        NodeAdmin.StartAsync(System, _host.Services.GetRequiredService<IActorRegistry>(), _options, _configuration, _services.Clock, admin, logger);

    public async Task StopAsync()
    {
        await _host.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
