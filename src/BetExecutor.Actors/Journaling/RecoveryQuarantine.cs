using System.Collections.Concurrent;
using Akka.Actor;

namespace BetExecutor.Actors.Journaling;

/// <summary>Where and why an entity's history could not be replayed.</summary>
/// <param name="SequenceNr">The event that could not be replayed (0 when the journal could not deliver the history at all).</param>
public sealed record RecoveryFault(long SequenceNr, string Event, string Reason, DateTimeOffset At)
{
    public string Describe() => SequenceNr > 0
        ? $"its history could not be replayed at event #{SequenceNr} ({Event}): {Reason}"
        : $"its history could not be read: {Reason}";
}

/// <summary>
/// This node's list of entities whose history could not be replayed. Akka stops an entity whose recovery fails;
/// the next message would start it again, replay into the same failure and stop it again, for ever, with no answer
/// to anyone. An entity listed here starts without replaying and answers every command with why it is halted.
/// Node-local and in memory: after a node restart each history is tried once more.
/// </summary>
public sealed class RecoveryQuarantine : IExtension
{
    private readonly ConcurrentDictionary<string, RecoveryFault> _faults = new(StringComparer.Ordinal);

    public static RecoveryQuarantine Get(ActorSystem system) => system.WithExtension<RecoveryQuarantine, RecoveryQuarantineProvider>();

    public void Add(string persistenceId, RecoveryFault fault) => _faults.TryAdd(persistenceId, fault);

    public RecoveryFault? For(string persistenceId) => _faults.GetValueOrDefault(persistenceId);

    private sealed class RecoveryQuarantineProvider : ExtensionIdProvider<RecoveryQuarantine>
    {
        public override RecoveryQuarantine CreateExtension(ExtendedActorSystem system) => new();
    }
}
