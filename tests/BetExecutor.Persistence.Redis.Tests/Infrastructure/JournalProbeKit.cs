using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence;
using Xunit.Abstractions;

namespace BetExecutor.Persistence.Redis.Tests.Infrastructure;

/// <summary>
/// Talks to the journal actor with Akka's own journal protocol (WriteMessages, ReplayMessages,
/// DeleteMessagesTo), as the persistence TCK does, so each behaviour is checked without a
/// persistent actor in between.
/// </summary>
public abstract class JournalProbeKit(Config config, ITestOutputHelper output)
    : Akka.TestKit.Xunit2.TestKit(config, null, output)
{
    protected const int ActorInstanceId = 1;
    // An upper bound, not a pace: a first call also connects (to six servers, on the cluster) on a loaded machine.
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    protected string WriterGuid { get; } = Guid.NewGuid().ToString();

    protected IActorRef Journal => Akka.Persistence.Persistence.Instance.Apply(Sys).JournalFor(null);

    protected static string NewPersistenceId(string hint) => $"{hint}-{Guid.NewGuid():N}";

    protected Persistent Event(string persistenceId, long sequenceNr, object? payload = null, string? writerGuid = null, string manifest = "") =>
        new(payload ?? $"e-{sequenceNr}", sequenceNr, persistenceId, manifest, false, ActorRefs.NoSender, writerGuid ?? WriterGuid);

    protected static AtomicWrite Atomically(params Persistent[] events) =>
        new(events.ToImmutableList<IPersistentRepresentation>());

    /// <summary>Sends one WriteMessages and returns every reply up to the last per-event answer.</summary>
    protected IReadOnlyList<object> Write(params AtomicWrite[] writes)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new WriteMessages(writes, probe.Ref, ActorInstanceId));
        var eventCount = writes.Sum(w => ((IImmutableList<IPersistentRepresentation>)w.Payload).Count);
        var replies = new List<object> { probe.ExpectMsg<object>(Patience) };
        for (var i = 0; i < eventCount; i++) replies.Add(probe.ExpectMsg<object>(Patience));
        return replies;
    }

    /// <summary>Writes events from..to, one AtomicWrite each, and asserts every one was stored.</summary>
    protected void WriteStored(string persistenceId, long from, long to)
    {
        var writes = Enumerable.Range((int)from, (int)(to - from + 1)).Select(n => Atomically(Event(persistenceId, n))).ToArray();
        var replies = Write(writes);
        Assert.IsType<WriteMessagesSuccessful>(replies[0]);
        Assert.All(replies.Skip(1), r => Assert.IsType<WriteMessageSuccess>(r));
    }

    protected (IReadOnlyList<IPersistentRepresentation> Events, long Highest) Replay(
        string persistenceId, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new ReplayMessages(from, to, max, persistenceId, probe.Ref));
        var events = new List<IPersistentRepresentation>();
        while (true)
        {
            switch (probe.ReceiveOne(Patience))
            {
                case ReplayedMessage replayed: events.Add(replayed.Persistent); break;
                case RecoverySuccess done: return (events, done.HighestSequenceNr);
                case ReplayMessagesFailure failure: throw new Xunit.Sdk.XunitException($"replay failed: {failure.Cause}");
                case null: throw new TimeoutException("no replay answer from the journal");
                case var other: throw new Xunit.Sdk.XunitException($"unexpected replay message {other}");
            }
        }
    }

    protected static long[] SequenceNrs(IEnumerable<IPersistentRepresentation> events) => events.Select(e => e.SequenceNr).ToArray();

    protected void DeleteTo(string persistenceId, long toSequenceNr)
    {
        var probe = CreateTestProbe();
        Journal.Tell(new DeleteMessagesTo(persistenceId, toSequenceNr, probe.Ref));
        probe.ExpectMsg<DeleteMessagesSuccess>(m => m.ToSequenceNr == toSequenceNr, Patience);
    }
}
