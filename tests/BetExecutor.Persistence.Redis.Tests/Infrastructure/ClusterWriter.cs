using Akka.Actor;
using Akka.Pattern;
using static BetExecutor.Persistence.Redis.Tests.Infrastructure.LedgerActor;

namespace BetExecutor.Persistence.Redis.Tests.Infrastructure;

/// <summary>
/// Appends one entry at a time to its persistent actor and keeps what was acknowledged. The actor runs under a
/// backoff supervisor: when a persist fails it stops and is started again, recovering from what the storage holds.
/// </summary>
public sealed class ClusterWriter(string persistenceId, ActorSystem system)
{
    private readonly IActorRef _supervisor = system.ActorOf(BackoffSupervisor.Props(Backoff.OnStop(
        LedgerActor.Props(persistenceId, ActorRefs.Nobody), "ledger", TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 0.2, maxNrOfRetries: -1)));
    private readonly List<(string Entry, long SequenceNr)> _acknowledged = [];
    private int _beforeMark = -1;

    public string PersistenceId => persistenceId;

    public IReadOnlyList<(string Entry, long SequenceNr)> Acknowledged { get { lock (_acknowledged) return _acknowledged.ToList(); } }

    public int AcknowledgedCount { get { lock (_acknowledged) return _acknowledged.Count; } }

    public int AcknowledgedSinceMark { get { lock (_acknowledged) return _beforeMark < 0 ? 0 : _acknowledged.Count - _beforeMark; } }

    public void Mark() { lock (_acknowledged) _beforeMark = _acknowledged.Count; }

    public async Task RunAsync(CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var entry = $"{persistenceId}#{n}";
            try
            {
                var appended = await _supervisor.Ask<Appended>(new Append(entry), TimeSpan.FromSeconds(2), stop);
                lock (_acknowledged) _acknowledged.Add((entry, appended.SequenceNr));
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException or OperationCanceledException)
            {
                // No answer: the outcome is unknown and not counted; the next entry is a new one.
            }
        }
    }

    /// <summary>What a fresh node recovers for <paramref name="persistenceId"/>: its entries in order, and its highest sequence number.</summary>
    public static async Task<(IReadOnlyList<string> Entries, long Highest)> ReadBackAsync(string connectionString, string keyPrefix, string persistenceId)
    {
        using var reader = ActorSystem.Create("reader", TestConfig.For(connectionString, keyPrefix: keyPrefix));
        var ledger = reader.ActorOf(LedgerActor.Props(persistenceId, ActorRefs.Nobody));
        var held = await ledger.Ask<Entries>(new GetEntries(), TimeSpan.FromSeconds(20));
        await reader.Terminate();
        return (held.Items, held.LastSequenceNr);
    }

    /// <summary>
    /// Reads every writer's history back on a fresh node: how many appends were acknowledged and how many of those are
    /// not stored at their sequence number. Fails when a history has a gap.
    /// </summary>
    public static async Task<(int Acknowledged, int Lost)> CountLostAsync(string connectionString, string keyPrefix, IEnumerable<ClusterWriter> writers)
    {
        var (acknowledged, lost) = (0, 0);
        foreach (var writer in writers)
        {
            var (entries, highest) = await ReadBackAsync(connectionString, keyPrefix, writer.PersistenceId);
            Xunit.Assert.Equal(highest, entries.Count); // contiguous: every sequence number 1..highest holds an event
            foreach (var (entry, sequenceNr) in writer.Acknowledged)
            {
                acknowledged++;
                if (sequenceNr > entries.Count || entries[(int)sequenceNr - 1] != entry) lost++;
            }
        }
        return (acknowledged, lost);
    }

    public static async Task Until(Func<bool> condition, TimeSpan within, string failure)
    {
        if (!await Eventually(condition, within)) throw new TimeoutException(failure);
    }

    public static async Task<bool> Eventually(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(50);
        }
        return true;
    }
}
