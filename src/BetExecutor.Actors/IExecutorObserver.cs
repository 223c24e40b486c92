using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors;

/// <summary>
/// Told of each outcome once it is persisted: metrics, the scenario runner's results. Called on the actor's
/// thread, so implementations must be quick and thread-safe, and must not throw.
/// </summary>
public interface IExecutorObserver
{
    void SignalAnswered(Identity identity, SignalAnswer answer);

    void PairFinished(Identity identity, string pairId, PairOutcome outcome);
}

public sealed class NoObserver : IExecutorObserver
{
    public static readonly NoObserver Instance = new();

    public void SignalAnswered(Identity identity, SignalAnswer answer) { }

    public void PairFinished(Identity identity, string pairId, PairOutcome outcome) { }
}
