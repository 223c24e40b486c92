using Akka.Actor;
using Akka.Persistence;

namespace BetExecutor.Bench.Persistence;

/// <summary>
/// Persists one event per <see cref="Write"/> command (as a real entity does: one decision, one
/// event) and completes <see cref="Done"/> once <c>expected</c> events are stored.
/// </summary>
internal sealed class BenchActor : ReceivePersistentActor
{
    public sealed record Write(string Event);
    public sealed record Ready;

    private long _stored;

    public BenchActor(string persistenceId, bool usePersistAsync, long expected, TaskCompletionSource done)
    {
        PersistenceId = persistenceId;
        Recover<string>(_ => _stored++);
        Command<Ready>(_ => Sender.Tell(_stored));
        Command<Write>(cmd =>
        {
            void Stored(string _)
            {
                if (++_stored == expected) done.TrySetResult();
            }

            if (usePersistAsync) PersistAsync(cmd.Event, Stored);
            else Persist(cmd.Event, Stored);
        });
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, bool usePersistAsync, long expected, TaskCompletionSource done) =>
        Akka.Actor.Props.Create(() => new BenchActor(persistenceId, usePersistAsync, expected, done));
}
