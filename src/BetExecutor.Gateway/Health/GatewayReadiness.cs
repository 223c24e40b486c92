using Akka.Actor;
using Akka.Cluster;

namespace BetExecutor.Gateway.Health;

/// <summary>One thing readiness needs; its problem, or null when it is fine.</summary>
/// <param name="Name">A stable name shown in the answer: <c>cluster-member</c>, <c>executor</c>, <c>redis</c>.</param>
public sealed record ReadinessCheck(string Name, Func<CancellationToken, Task<string?>> Problem);

/// <summary>The outcome of every check; ready when none has a problem.</summary>
public sealed record ReadinessReport(IReadOnlyList<(string Name, string? Problem)> Checks)
{
    public bool Ready => Checks.All(c => c.Problem is null);
}

/// <summary>
/// What <c>GET /health/ready</c> asks: by default (<see cref="ForCluster"/>) that this node's cluster member is Up, that
/// a member with role <c>executor</c> is Up and reachable, and, when the node has Redis, that Redis answers a PING.
/// </summary>
public sealed class GatewayReadiness(IReadOnlyList<ReadinessCheck> checks)
{
    public const string ExecutorRole = "executor";

    /// <summary>Each check gets at most this long; a check that takes longer counts as not ready.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(2);

    public IReadOnlyList<ReadinessCheck> Checks { get; } = checks;

    /// <param name="system">The node's actor system (clustered).</param>
    /// <param name="redisPing">Pings the node's Redis (throws when it does not answer); null when the node has no Redis.</param>
    public static GatewayReadiness ForCluster(ActorSystem system, Func<CancellationToken, Task>? redisPing = null)
    {
        var cluster = Cluster.Get(system);
        var checks = new List<ReadinessCheck>
        {
            new("cluster-member", _ => Task.FromResult(cluster.SelfMember.Status == MemberStatus.Up
                ? null
                : $"this node's cluster member is {cluster.SelfMember.Status.ToString().ToLowerInvariant()}, not up")),
            new("executor", _ => Task.FromResult(ExecutorProblem(cluster))),
        };
        if (redisPing is not null)
        {
            checks.Add(new("redis", async ct =>
            {
                await redisPing(ct);
                return null;
            }));
        }
        return new GatewayReadiness(checks);
    }

    private static string? ExecutorProblem(Cluster cluster)
    {
        var state = cluster.State;
        var unreachable = state.Unreachable;
        var executors = state.Members.Where(m => m.HasRole(ExecutorRole)).ToList();
        if (executors.Any(m => m.Status == MemberStatus.Up && !unreachable.Contains(m))) return null;
        return executors.Count == 0
            ? "no cluster member with role executor"
            : $"no member with role executor is up and reachable ({executors.Count} known)";
    }

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        var results = new List<(string, string?)>();
        foreach (var check in Checks) results.Add((check.Name, await Run(check, cancellationToken)));
        return new ReadinessReport(results);
    }

    private static async Task<string?> Run(ReadinessCheck check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        try
        {
            return await check.Problem(timeout.Token).WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {CheckTimeout.TotalSeconds:0}s";
        }
        catch (Exception e)
        {
            // The check's own failure is its answer (e.g. Redis refused the connection); one line, no stack.
            return e.GetBaseException().Message;
        }
    }
}
