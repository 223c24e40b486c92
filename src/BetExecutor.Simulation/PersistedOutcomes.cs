using Akka.Actor;
using Akka.Persistence;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Simulation;

/// <summary>
/// Reads, from an account's journal, how each of its pairs finished: the <see cref="PairFinished"/> events the
/// account stored. What a run reports is therefore what survived in storage, not what some callback heard before a
/// restart.
/// </summary>
public static class PersistedOutcomes
{
    public static async Task<IReadOnlyDictionary<string, PairOutcome>> ReadAsync(ActorSystem system, Identity identity, TimeSpan timeout)
    {
        var answer = new TaskCompletionSource<IReadOnlyDictionary<string, PairOutcome>>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new Reader(AccountActor.PersistenceIdFor(identity), answer)));
        return await answer.Task.WaitAsync(timeout);
    }

    /// <summary>Replays every event of one persistence id, ignoring snapshots (which keep no finished pairs), and never writes.</summary>
    private sealed class Reader : ReceivePersistentActor
    {
        private readonly Dictionary<string, PairOutcome> _finished = [];

        public Reader(string persistenceId, TaskCompletionSource<IReadOnlyDictionary<string, PairOutcome>> answer)
        {
            PersistenceId = persistenceId;
            Recover<PairFinished>(f => _finished[f.PairId] = f.Outcome);
            Recover<RecoveryCompleted>(_ =>
            {
                answer.TrySetResult(_finished);
                Context.Stop(Self);
            });
            Recover<object>(_ => { });
        }

        public override string PersistenceId { get; }

        public override Recovery Recovery => new(SnapshotSelectionCriteria.None);
    }
}
