using Akka.Actor;
using Akka.Persistence;

namespace BetExecutor.Audit.Tests.Support;

/// <summary>
/// Reads a persistence id's events back from the node's real journal by replaying them into a throwaway persistent
/// actor: the same path an entity's recovery takes, so what it sees is what a restarted node would see. It ignores
/// snapshots (a pair takes one when it ends, and a recovery from it replays nothing after it): every stored event.
/// </summary>
public static class JournalReader
{
    public static async Task<IReadOnlyList<object>> ReadAsync(ActorSystem system, string persistenceId)
    {
        var reply = new TaskCompletionSource<object[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new ReplayingActor(persistenceId, reply)));
        var finished = await Task.WhenAny(reply.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        if (finished != reply.Task) throw new TimeoutException($"reading {persistenceId} took too long");
        return await reply.Task;
    }

    private sealed class ReplayingActor : ReceivePersistentActor
    {
        private readonly List<object> _events = [];

        public ReplayingActor(string persistenceId, TaskCompletionSource<object[]> reply)
        {
            PersistenceId = persistenceId;
            Recover<RecoveryCompleted>(_ =>
            {
                reply.TrySetResult(_events.ToArray());
                Context.Stop(Self);
            });
            Recover<object>(e => _events.Add(e));
        }

        public override string PersistenceId { get; }

        public override Recovery Recovery => new(SnapshotSelectionCriteria.None);
    }
}
