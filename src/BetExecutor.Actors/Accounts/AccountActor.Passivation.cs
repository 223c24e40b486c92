using Akka.Actor;
using Akka.Cluster.Sharding;
using Akka.Event;
using BetExecutor.Actors.Journaling;

namespace BetExecutor.Actors.Accounts;

/// <summary>
/// An account with nothing in flight (no pair executing or settling, no pair actor alive, no caller awaiting a
/// decision or a pair's start) and no message for the idle period passivates: it asks its shard to stop it, and with
/// remember-entities the shard forgets it, so the next node start does not start it again. Its state is in the
/// journal and comes back with its next message. An account with anything in flight never passivates, so it is still
/// started at the next node start and resumes its pairs. Storage-lost and halted-by-recovery accounts never passivate.
/// </summary>
public sealed partial class AccountActor : IWithTimers
{
    /// <summary>Akka's timers, for the passivation guard only; every wait the account decides goes through the executor's clock.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Local to the account (its own timer): never crosses the network.</summary>
    private sealed record IdleCheck : IDeadLetterSuppression;

    /// <summary>What the shard sends back to stop a passivating account (sharding's Passivate protocol).</summary>
    private sealed record StopIdleAccount;

    /// <summary>
    /// Guard for a shard that never answers the Passivate request: the account then takes its messages itself again.
    /// Real time, outside the executor's clock: it is not part of what the account decides.
    /// </summary>
    private static readonly TimeSpan PassivationAnswerDeadline = TimeSpan.FromSeconds(30);

    private sealed record PassivationUnanswered : IDeadLetterSuppression;

    private readonly TimeSpan? _idlePassivation;
    private DateTimeOffset _lastActivity;
    private bool _idleCheckArmed;
    private bool _passivating;

    private bool IsIdle =>
        _state.InFlight.Count == 0
        && _state.ExecutingPairId is null
        && _pairs.Count == 0
        && _awaitingIntent.Count == 0
        && _awaitingAnswer is null
        && _storageLost is null
        && _recoveryFault is null
        && RecoveryQuarantine.Get(Context.System).For(PersistenceId) is null;

    protected override bool AroundReceive(Receive receive, object message)
    {
        if (_idlePassivation is null) return base.AroundReceive(receive, message);
        if (_passivating && message is GetAccountStatus)
        {
            // A read: answered from the state as it stands (final: nothing is in flight, nothing new starts).
            Sender.Tell(Status());
            return true;
        }
        if (_passivating && message is IAccountCommand)
        {
            // Sent before the shard took the Passivate request: back to the shard, which holds it until this account
            // has stopped and then starts it again with it. Nothing new starts on an account that is stopping.
            Context.Parent.Forward(message);
            return true;
        }
        if (message is PassivationUnanswered)
        {
            if (_passivating) _log.Warning("The shard did not answer this account's passivation within {Deadline}; it stays", PassivationAnswerDeadline);
            _passivating = false;
            return true;
        }
        // A status read changes nothing: an operator (or a probe) polling statuses does not keep every account in memory.
        if (message is not (IdleCheck or StopIdleAccount or GetAccountStatus)) _lastActivity = Now;
        var handled = base.AroundReceive(receive, message);
        if (!_idleCheckArmed && !_passivating && !IsRecovering && IsIdle) ArmIdleCheck(_lastActivity + _idlePassivation.Value);
        return handled;
    }

    private void ArmIdleCheck(DateTimeOffset at)
    {
        _idleCheckArmed = true;
        _services.Clock.Schedule(at, Self, new IdleCheck());
    }

    private void OnIdleCheck()
    {
        _idleCheckArmed = false;
        if (_idlePassivation is not { } idle || _passivating || !IsIdle) return; // armed again once idle
        var due = _lastActivity + idle;
        if (Now < due)
        {
            ArmIdleCheck(due);
            return;
        }
        _log.Info("Account {Identity} passivates: nothing in flight and no message for {Idle}", _identity.Key, idle);
        _passivating = true;
        Context.Parent.Tell(new Passivate(new StopIdleAccount()));
        Timers.StartSingleTimer(nameof(PassivationUnanswered), new PassivationUnanswered(), PassivationAnswerDeadline);
    }

    private void OnStopIdle()
    {
        if (!IsIdle)
        {
            // Only if the guard gave up waiting and a pair started since: the shard stops this account all the same,
            // so it is asked to start it again at once (remembered), and its pairs resume from their events.
            _log.Warning("Account {Identity} was busy when its shard stopped it for passivation; it is started again at once", _identity.Key);
            Context.Parent.Tell(new ShardRegion.StartEntity(_identity.Key));
        }
        Context.Stop(Self);
    }
}
