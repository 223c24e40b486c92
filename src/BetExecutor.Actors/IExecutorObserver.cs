using BetExecutor.Actors.Accounts;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors;

/// <summary>
/// Told of each outcome once it is persisted: metrics, the scenario runner's results. Called on the actor's
/// thread, so implementations must be quick and thread-safe, and must not throw. Only live facts are reported,
/// never events replayed by a recovery: a restart does not count anything twice.
/// </summary>
public interface IExecutorObserver
{
    void SignalAnswered(Identity identity, SignalAnswer answer);

    void PairFinished(Identity identity, string pairId, PairOutcome outcome);

    /// <summary>An account's event was stored; <paramref name="after"/> is the account with it applied.</summary>
    void AccountEventStored(Identity identity, AccountEvent e, AccountState after) { }

    /// <summary>
    /// The account runs on this node as <paramref name="state"/>: after its recovery, and whenever its state changed
    /// without a stored event (a storage loss). Gauges (open exposures) read the latest one.
    /// </summary>
    void AccountRunning(Identity identity, AccountState state) { }

    /// <summary>The account stopped on this node. <paramref name="passivated"/>: it was idle; its state stays as last reported.</summary>
    void AccountStopped(Identity identity, bool passivated) { }

    /// <summary>
    /// A pair's event was stored, before the effects it authorises are carried out. <paramref name="before"/> is the
    /// pair as it was; <paramref name="storedAt"/> the executor's clock when the store confirmed it.
    /// </summary>
    void PairEventStored(PairState before, PairEvent e, DateTimeOffset storedAt) { }
}

public sealed class NoObserver : IExecutorObserver
{
    public static readonly NoObserver Instance = new();

    public void SignalAnswered(Identity identity, SignalAnswer answer) { }

    public void PairFinished(Identity identity, string pairId, PairOutcome outcome) { }
}

/// <summary>Tells every observer in turn (e.g. the simulation's recording and the node's metrics).</summary>
public sealed class ObserverGroup(params IExecutorObserver[] observers) : IExecutorObserver
{
    public void SignalAnswered(Identity identity, SignalAnswer answer)
    {
        foreach (var o in observers) o.SignalAnswered(identity, answer);
    }

    public void PairFinished(Identity identity, string pairId, PairOutcome outcome)
    {
        foreach (var o in observers) o.PairFinished(identity, pairId, outcome);
    }

    public void AccountEventStored(Identity identity, AccountEvent e, AccountState after)
    {
        foreach (var o in observers) o.AccountEventStored(identity, e, after);
    }

    public void AccountRunning(Identity identity, AccountState state)
    {
        foreach (var o in observers) o.AccountRunning(identity, state);
    }

    public void AccountStopped(Identity identity, bool passivated)
    {
        foreach (var o in observers) o.AccountStopped(identity, passivated);
    }

    public void PairEventStored(PairState before, PairEvent e, DateTimeOffset storedAt)
    {
        foreach (var o in observers) o.PairEventStored(before, e, storedAt);
    }
}
