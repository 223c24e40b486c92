using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using BetExecutor.Actors.Journaling;
using BetExecutor.Actors.Pairs;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Validation;

namespace BetExecutor.Actors.Accounts;

/// <summary>
/// A history that cannot be replayed halts only its identity, with an alarm, instead of failing every recovery.
/// An event that throws when applied, or an event or snapshot the journal cannot read back, leaves the account
/// halted: it logs the fault at error, takes no signal and no operator change (its state is incomplete past the
/// fault, so neither could be judged), answers its status with the halt and why, and resumes the pairs it knew
/// were in flight (each replays its own journal and may still hedge a placed positive). It stays so until an
/// operator repairs the journal and the node restarts.
/// </summary>
public sealed partial class AccountActor
{
    private RecoveryFault? _recoveryFault;

    /// <summary>An account this node already saw fail to recover starts without replaying; it is halted from the start.</summary>
    public override Recovery Recovery =>
        // Nothing is replayed from a storage known to have lost history (the identity comes up halted from what this
        // node still knows), nor for an account whose history could not be read back.
        _services.Storage.Loss is null && RecoveryQuarantine.Get(Context.System).For(PersistenceId) is null ? base.Recovery : Recovery.None;

    /// <summary>Applies one replayed event; after an event that cannot be applied, the rest of the history is not applied either.</summary>
    private void Replay(AccountEvent e)
    {
        if (_recoveryFault is not null) return;
        try
        {
            _state = _state.Apply(e, SignalIdWindow);
            _openItemsFrom = OpenItemOrigins.Track(_openItemsFrom, e, LastSequenceNr, _state);
        }
        catch (Exception ex)
        {
            _recoveryFault = new RecoveryFault(LastSequenceNr, e.GetType().Name, ex.GetBaseException().Message, Now);
        }
    }

    private void Recovered()
    {
        _services.Observer.AccountRunning(_identity, _state);
        if (_services.Storage.Loss is { } loss)
        {
            EnterStorageLost(loss.Cause);
            return;
        }
        var fault = _recoveryFault ?? RecoveryQuarantine.Get(Context.System).For(PersistenceId);
        if (fault is null)
        {
            RestartPairsInFlight();
            return;
        }
        // Not put in quarantine: this actor stays up, halted, so nothing replays into the fault again while it lives.
        _log.Error("ALARM: identity {Identity} is halted: {Fault}. Pairs known in flight: {Pairs}. It takes no signal until an operator repairs its journal and restarts the node",
            _identity.Key, fault.Describe(), string.Join(", ", _state.InFlight.Keys.Order()));
        Become(() => HaltedByRecovery(fault));
        RestartPairsInFlight();
    }

    /// <summary>
    /// The journal could not deliver the history (an event or snapshot it cannot read back). Akka stops the actor
    /// after this; an unreadable history is put in quarantine so the next start is halted instead of failing again.
    /// Storage trouble (Redis unreachable, a timeout) is not a fault of the history and is left to be retried.
    /// </summary>
    protected override void OnRecoveryFailure(Exception reason, object? message = null)
    {
        var cause = reason.GetBaseException();
        if (IsUnreadableHistory(cause))
        {
            var fault = new RecoveryFault(message is null ? 0 : LastSequenceNr + 1, message?.GetType().Name ?? "history", cause.Message, Now);
            RecoveryQuarantine.Get(Context.System).Add(PersistenceId, fault);
            _log.Error(reason, "ALARM: identity {Identity}: {Fault}; it is halted from its next start", _identity.Key, fault.Describe());
        }
        else
        {
            _log.Error(reason, "Recovery of identity {Identity} failed; it is tried again with the next command", _identity.Key);
        }
        base.OnRecoveryFailure(reason, message);
    }

    private static bool IsUnreadableHistory(Exception cause) =>
        cause is JsonException or SerializationException or FormatException or InvalidCastException or OverflowException
            or DomainValidationException or ArgumentException or NotSupportedException;

    private void HaltedByRecovery(RecoveryFault fault)
    {
        var why = $"{_identity} is halted: {fault.Describe()}; nothing is placed for it until its journal is repaired";
        var halt = new HaltState($"recovery-failed: {fault.Describe()}", "recovery", fault.At);
        Command<ExecuteSignal>(c =>
        {
            var answer = new SignalAnswer(c.Signal.SignalId, SignalAnswerKind.Rejected, DenialReason.RecoveryFailed, why, _state.CooldownUntil);
            _log.Warning("Signal {SignalId} refused: {Reason}", c.Signal.SignalId, DenialReason.RecoveryFailed.Code());
            _services.Observer.SignalAnswered(_identity, answer);
            Sender.Tell(answer);
        });
        Command<HaltIdentity>(_ => Sender.Tell(new OperatorAnswer.Refused(why)));
        Command<ResumeIdentity>(_ => Sender.Tell(new OperatorAnswer.Refused(why)));
        Command<ResolveExposure>(_ => Sender.Tell(new OperatorAnswer.Refused(why)));
        Command<GetAccountStatus>(_ => Sender.Tell(Status() with { Halt = halt }));
        Command<GetSignalState>(OnGetSignalState);
        // Pairs still report; what they report cannot be recorded on a history that cannot be replayed, so it is logged.
        Command<PairReportedFinished>(r => _log.Error("ALARM: pair {PairId} of halted identity {Identity} finished {Outcome}; not recorded",
            r.PairId, _identity.Key, r.Outcome));
        Command<PairReportedHedged>(r => _log.Warning("Pair {PairId} of halted identity {Identity} is hedged; not recorded", r.PairId, _identity.Key));
        Command<PairReportedPositiveIntent>(r => _log.Warning("Pair {PairId} of halted identity {Identity} recorded its positive intent; not recorded", r.PairId, _identity.Key));
        Command<PairReportedPositiveAccepted>(r => _log.Warning("Pair {PairId} of halted identity {Identity} had its positive accepted for {Stake}; not recorded", r.PairId, _identity.Key, r.AcceptedStake));
        Command<Terminated>(_ => { });
    }
}
