using Akka.Actor;
using Akka.Cluster;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Journaling;
using BetExecutor.Domain.Identities;

namespace BetExecutor.Admin.Requests;

/// <summary>Asks of the cluster, each bounded by the answer timeout; no answer in time is a 503 (outcome unknown).</summary>
internal sealed class ClusterAsk(AdminCluster cluster, TimeSpan timeout)
{
    public AdminCluster Cluster => cluster;

    public TimeSpan Timeout => timeout;

    public DateTimeOffset Now => cluster.Clock.UtcNow;

    /// <summary>Asks <paramref name="to"/>; a timeout or a reply of another type is a 503 naming <paramref name="what"/>.</summary>
    public async Task<T> AskAsync<T>(ICanTell to, object message, string what, TimeSpan? within = null)
    {
        object reply;
        try
        {
            reply = await to.Ask<object>(message, within ?? timeout);
        }
        catch (AskTimeoutException)
        {
            throw AdminRefusal.Unavailable($"{what} did not answer within {(within ?? timeout).TotalSeconds:0.###}s; retry");
        }
        return reply is T answer ? answer : throw AdminRefusal.Unavailable($"{what} answered {reply.GetType().Name}; retry");
    }

    public Task<AccountStatus> StatusAsync(Identity identity) =>
        AskAsync<AccountStatus>(cluster.Accounts, new GetAccountStatus(identity), $"the account {identity}");

    /// <summary>The journal's history of <paramref name="persistenceId"/>; 503 when it cannot be read in time.</summary>
    public async Task<JournalHistoryRead> HistoryAsync(string persistenceId)
    {
        try
        {
            return await JournalHistory.Read(cluster.System, persistenceId, timeout);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw AdminRefusal.Unavailable($"the journal could not be read for {persistenceId}: {e.Message}");
        }
    }

    /// <summary>What every account's persistence id starts with (<see cref="AccountActor.PersistenceIdFor"/>).</summary>
    public const string AccountIdPrefix = "account/";

    /// <summary>What every pair's persistence id starts with (BetPairActor.PersistenceIdFor: pair/IDENTITY/PAIR).</summary>
    public const string PairIdPrefix = "pair/";

    /// <summary>Every identity whose account the journal holds, sorted by key.</summary>
    public async Task<IReadOnlyList<Identity>> KnownIdentitiesAsync(CancellationToken cancellationToken)
    {
        var ids = await PersistenceIdsAsync(AccountIdPrefix, cancellationToken);
        return ids.Select(id => Identity.TryParseKey(id[AccountIdPrefix.Length..], out var identity) ? identity : null)
            .OfType<Identity>()
            .OrderBy(i => i.Key, StringComparer.Ordinal)
            .ToArray();
    }

    public async Task<IReadOnlyList<string>> PersistenceIdsAsync(string prefix, CancellationToken cancellationToken)
    {
        if (cluster.PersistenceIds is not { } list)
            throw AdminRefusal.Unavailable("this node's journal is in memory and cannot list what it holds: run the node with Redis (BETEXECUTOR_REDIS)");
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        try
        {
            return await list(prefix, bounded.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw AdminRefusal.Unavailable($"the journal could not list its persistence ids: {e.GetBaseException().Message}");
        }
    }

    /// <summary>The statuses of <paramref name="identities"/>, a few asks at a time (each starts its account; idle ones passivate again).</summary>
    public async Task<IReadOnlyList<AccountStatus>> StatusesAsync(IReadOnlyList<Identity> identities)
    {
        var statuses = new AccountStatus[identities.Count];
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(identities.Select(async (identity, i) =>
        {
            await gate.WaitAsync();
            try
            {
                statuses[i] = await StatusAsync(identity);
            }
            finally
            {
                gate.Release();
            }
        }));
        return statuses;
    }

    /// <summary>The members that host accounts now (status up or weakly up), by address.</summary>
    public IReadOnlyList<Member> Executors() =>
        Akka.Cluster.Cluster.Get(cluster.System).State.Members
            .Where(m => m.HasRole(cluster.ExecutorRole) && m.Status is MemberStatus.Up or MemberStatus.WeaklyUp)
            .OrderBy(m => m.Address.ToString(), StringComparer.Ordinal)
            .ToArray();
}
