using Akka.Actor;
using Akka.Persistence;

namespace BetExecutor.Persistence.Redis.Tests.Infrastructure;

/// <summary>
/// A minimal persistent actor: appends strings, answers with what it holds, and tells an observer
/// when a persist or a recovery fails (before the default handling stops it).
/// </summary>
public sealed class LedgerActor : ReceivePersistentActor
{
    public sealed record Append(string Entry);
    public sealed record AppendAsync(string Entry);
    public sealed record Appended(string Entry, long SequenceNr);
    public sealed record GetEntries;
    public sealed record Entries(IReadOnlyList<string> Items, long LastSequenceNr);
    public sealed record TakeSnapshot;
    /// <summary>A snapshot whose state holds the events from <paramref name="KeepEventsFrom"/> on (an open item), or says the id is closed.</summary>
    public sealed record TakeHeldSnapshot(long? KeepEventsFrom, bool Closed = false);
    public sealed record PersistFailed(string Entry, Exception Cause);
    public sealed record RecoveryFailed(Exception Cause);

    private readonly IActorRef _observer;
    private readonly List<string> _entries = [];

    public LedgerActor(string persistenceId, IActorRef observer)
    {
        PersistenceId = persistenceId;
        _observer = observer;

        Recover<string>(entry => _entries.Add(entry));
        Recover<SnapshotOffer>(offer => _entries.AddRange(offer.Snapshot switch
        {
            LedgerSnapshot plain => plain.Entries,
            HeldLedgerSnapshot held => held.Entries,
            var other => throw new InvalidOperationException($"unexpected snapshot {other}"),
        }));

        Command<Append>(cmd => Persist(cmd.Entry, entry =>
        {
            _entries.Add(entry);
            Sender.Tell(new Appended(entry, LastSequenceNr));
        }));
        Command<AppendAsync>(cmd => PersistAsync(cmd.Entry, entry =>
        {
            _entries.Add(entry);
            Sender.Tell(new Appended(entry, LastSequenceNr));
        }));
        Command<GetEntries>(_ => Sender.Tell(new Entries(_entries.ToList(), LastSequenceNr)));
        Command<TakeSnapshot>(_ => SaveSnapshot(new LedgerSnapshot(_entries.ToList())));
        Command<TakeHeldSnapshot>(cmd => SaveSnapshot(new HeldLedgerSnapshot(_entries.ToList(), cmd.KeepEventsFrom, cmd.Closed)));
        Command<SaveSnapshotSuccess>(success => _observer.Tell(success));
        Command<SaveSnapshotFailure>(failure => _observer.Tell(failure));
    }

    public override string PersistenceId { get; }

    public static Props Props(string persistenceId, IActorRef observer) =>
        Akka.Actor.Props.Create(() => new LedgerActor(persistenceId, observer));

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _observer.Tell(new PersistFailed((string)@event, cause));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        _observer.Tell(new RecoveryFailed(reason));
        base.OnRecoveryFailure(reason, message);
    }
}
