using System.Collections.Concurrent;
using BetExecutor.Actors;
using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Simulation;

/// <summary>Keeps every signal answer and pair outcome, by identity and pair id, for a simulation to report.</summary>
public sealed class RecordingObserver : IExecutorObserver
{
    private readonly ConcurrentDictionary<(string Identity, string PairId), PairOutcome> _outcomes = new();
    private readonly ConcurrentQueue<(Identity Identity, SignalAnswer Answer)> _answers = new();

    public void SignalAnswered(Identity identity, SignalAnswer answer) => _answers.Enqueue((identity, answer));

    public void PairFinished(Identity identity, string pairId, PairOutcome outcome) =>
        _outcomes[(identity.Key, pairId)] = outcome;

    public PairOutcome? OutcomeOf(Identity identity, string pairId) =>
        _outcomes.TryGetValue((identity.Key, pairId), out var outcome) ? outcome : null;

    public IReadOnlyList<(Identity Identity, SignalAnswer Answer)> Answers => _answers.ToArray();

    public IReadOnlyDictionary<(string Identity, string PairId), PairOutcome> Outcomes => _outcomes;
}
