using Akka.Actor;
using Akka.Event;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Accounts;

/// <summary>
/// The account when its storage is lost (the journal refused one of its or its pairs' writes: the history went
/// backwards or the storage epoch is gone). Akka would stop a persistent actor on a failed write and recover it from
/// a journal that no longer holds its past, forgetting cooldowns and seen signal ids; a refused write instead keeps
/// it running, and from then on it halts and works from memory only: it answers from what it knows, writes nothing,
/// stops its pairs and looks up every leg they may have placed, and raises a storage-lost exposure for each pair in
/// flight. It stays so until the node restarts with the storage adopted by an operator.
/// </summary>
public sealed partial class AccountActor
{
    private string? _storageLost;

    /// <summary>Both legs of a pair in flight, looked up by client reference after the storage was lost.</summary>
    private sealed record LegsLookedUp(string PairId, LookupResult Positive, LookupResult Hedge, bool Final);

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        _log.Error(cause, "Journal refused {Event} at {SequenceNr}: it was not stored", @event.GetType().Name, sequenceNr);
        EnterStorageLost(cause.GetBaseException().Message);
    }

    private void EnterStorageLost(string cause)
    {
        if (_storageLost is not null) return;
        _storageLost = cause;
        var at = Now;
        if (_services.Storage.MarkLost(cause, at) && _services.Storage.Loss is { } loss)
            Context.System.EventStream.Publish(new NodeStorageLost(loss));
        if (_state.Halt is null) _state = _state.Apply(_state.HaltForStorageLoss(cause, at));
        _log.Error("Storage lost ({Cause}): {Identity} is halted and runs from memory; {Pairs} pair(s) in flight are stopped, looked up at the venue and raised as storage-lost exposures",
            cause, _identity.Key, _state.InFlight.Count);

        // A decision whose write was refused was not stored and not acted on: nothing was placed for it.
        if (_awaitingAnswer is { } waiting && _awaitingSignalId is { } signalId)
        {
            Answer(new SignalAnswer(signalId, SignalAnswerKind.Rejected, DenialReason.StorageLost,
                $"the decision could not be stored: {cause}; nothing was placed; the identity is halted", _state.CooldownUntil, DryRun: DryRun), waiting);
            _awaitingAnswer = null;
            _awaitingSignalId = null;
        }
        AnswerAwaitingIntentUnknown("the storage was lost before the pair's start was confirmed");
        _services.Storage.Remember(_state);

        foreach (var pairId in _state.InFlight.Keys)
        {
            // A pair that runs on may have a placement under way; it is stopped, and its legs looked up once it is gone.
            if (_pairs.TryGetValue(pairId, out var child)) Context.Stop(child);
            else LookUpLegs(pairId, final: false);
        }
    }

    private static string StorageLostRefusal(string cause) =>
        $"storage lost ({cause}); the identity is halted until an operator adopts the storage (README: Redis, storage loss)";

    /// <summary>Answers a signal from memory: a repeat with its first decision, anything new with a refusal (nothing placed).</summary>
    private void AnswerWhileStorageLost(ExecuteSignal command)
    {
        var signalId = command.Signal.SignalId;
        if (_state.Seen.TryGetValue(signalId, out var first))
        {
            Answer(DuplicateAnswer(signalId, first), Sender);
            return;
        }
        Answer(new SignalAnswer(signalId, SignalAnswerKind.Rejected, DenialReason.StorageLost,
            $"{StorageLostRefusal(_storageLost ?? "")}; nothing was placed", _state.CooldownUntil, DryRun: DryRun), Sender);
    }

    private void OnPairStoppedWhileStorageLost(string pairId)
    {
        if (_state.InFlight.ContainsKey(pairId)) LookUpLegs(pairId, final: false);
    }

    private void LookUpLegs(string pairId, bool final)
    {
        var pair = _state.InFlight[pairId];
        var hedger = pair.Signal.Hedge.Identity;
        var positive = _services.VenueFor(_identity, _identity)
            .FindByClientReferenceAsync(_identity, pair.Reference(_identity, LegKind.Positive));
        var hedge = _services.VenueFor(_identity, hedger)
            .FindByClientReferenceAsync(hedger, pair.Reference(_identity, LegKind.Hedge));
        Task.WhenAll(positive, hedge).PipeTo(Self,
            success: found => new LegsLookedUp(pairId, found[0], found[1], final),
            failure: ex => new LegsLookedUp(pairId, new LookupResult.Failed(ex.GetBaseException().Message),
                new LookupResult.Failed(ex.GetBaseException().Message), final));
    }

    /// <summary>
    /// Raises (or, on the second look, updates) the pair's storage-lost exposure with what the venue holds. A leg not
    /// found at once is looked up again after the unknown window: venues can take seconds to show a bet.
    /// </summary>
    private void OnLegsLookedUp(LegsLookedUp found)
    {
        if (!_state.InFlight.TryGetValue(found.PairId, out var pair)) return;
        var signal = pair.Signal;
        var positive = Snapshot(_identity.Key, pair.Reference(_identity, LegKind.Positive), signal.Positive.Stake, signal.Positive.Odds, found.Positive);
        var hedge = Snapshot(signal.Hedge.Identity.Key, pair.Reference(_identity, LegKind.Hedge), 0m, signal.Hedge.Odds, found.Hedge);
        var legs = $"positive {Describe(found.Positive)}, hedge {Describe(found.Hedge)}";
        var opened = _state.StorageLostExposure(found.PairId, positive, hedge, legs, Now, _services.Settings.Account, DryRun);
        // The second look keeps the first exposure's times; it only completes what the venue shows. A resolved one is
        // an earlier pair's under a reused id (retention forgot it), never this pair's first look.
        if (_state.Exposures.TryGetValue(found.PairId, out var earlier) && earlier.ResolvedAt is null)
            opened = opened with { Exposure = opened.Exposure with { RaisedAt = earlier.RaisedAt, ExpiresAt = earlier.ExpiresAt } };
        _state = _state.Apply(opened);
        _services.Storage.Remember(_state);
        _services.Observer.AccountRunning(_identity, _state);
        _log.Error("Exposure storage-lost on pair {PairId}: {Legs}", found.PairId, legs);
        if (!found.Final && (found.Positive is not LookupResult.Found || found.Hedge is not LookupResult.Found))
            _services.Clock.Schedule(Now + _services.Settings.Pair.UnknownWindow, Self, new LookUpAgain(found.PairId));
    }

    private sealed record LookUpAgain(string PairId);

    private static LegSnapshot Snapshot(string legIdentityKey, ClientReference reference, decimal askedStake, decimal askedOdds, LookupResult result)
    {
        var bet = (result as LookupResult.Found)?.Bet;
        return new LegSnapshot(legIdentityKey, reference.Value, askedStake, askedOdds,
            bet?.BetId, bet?.Stake, bet?.Odds, null);
    }

    private static string Describe(LookupResult result) => result switch
    {
        LookupResult.Found f => $"held as bet {f.Bet.BetId} ({f.Bet.Stake} at {f.Bet.Odds})",
        LookupResult.NotFound => "not found",
        LookupResult.Failed f => $"lookup failed ({f.Reason})",
        _ => "unknown",
    };
}
