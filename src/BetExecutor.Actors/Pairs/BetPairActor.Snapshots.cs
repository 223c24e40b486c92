using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Pairs;

/// <summary>
/// The pair's snapshots (<see cref="PairSnapshot"/>, <c>pair.snapshot.v1</c>): one when it ends, so that with retention
/// on its events can leave Redis and the pair still recovers, ended, from the snapshot; and one more when the account
/// resolved its exposure, which lets retention take the events an exposed pair held until then. A pair that ends stops
/// only once its snapshot is answered (stored, with retention done, or failed), so nothing is left half-done.
/// </summary>
public sealed partial class BetPairActor
{
    /// <summary>Started only to record that the account resolved this pair's exposure: it resumes nothing and places nothing.</summary>
    private readonly DateTimeOffset? _releaseAt;

    private PairSnapshot? _snapshot;
    private long _snapshotSequenceNr;
    private bool _snapshotPending;
    private bool _stopWhenSnapshotAnswered;

    /// <summary>
    /// A pair started after the account resolved its exposure (<paramref name="resolvedAt"/>): it recovers, stores a
    /// snapshot that no longer holds its events, and stops. It never resumes the pair, whatever phase its events left.
    /// </summary>
    public static Props ReleaseProps(Domain.Identities.Identity identity, string pairId, ExecutorServices services, DateTimeOffset resolvedAt,
        Domain.Legs.ClientReference? positiveReference = null) =>
        Akka.Actor.Props.Create(() => new BetPairActor(identity, pairId, services, resolvedAt, positiveReference));

    private void RecoverSnapshot(SnapshotOffer offer)
    {
        if (offer.Snapshot is not PairSnapshot snapshot) return;
        _state = snapshot.State;
        _snapshot = snapshot;
        _snapshotSequenceNr = offer.Metadata.SequenceNr;
    }

    private void HandleSnapshotAnswers()
    {
        Command<SaveSnapshotSuccess>(s =>
        {
            _log.Debug("Pair snapshot stored at {SequenceNr}", s.Metadata.SequenceNr);
            SnapshotAnswered();
        });
        Command<SaveSnapshotFailure>(f =>
        {
            // Nothing is lost: the events stay, and recovery replays them.
            _log.Warning("Pair snapshot at {SequenceNr} failed: {Error}; its events stay in the journal", f.Metadata.SequenceNr, f.Cause.Message);
            SnapshotAnswered();
        });
    }

    private void SnapshotAnswered()
    {
        _snapshotPending = false;
        if (_stopWhenSnapshotAnswered) Context.Stop(Self);
    }

    private void SaveSnapshotOf(PairSnapshot snapshot)
    {
        _snapshot = snapshot;
        _snapshotSequenceNr = LastSequenceNr;
        _snapshotPending = true;
        SaveSnapshot(snapshot);
    }

    /// <summary>After each stored event: the event that ends the pair is followed by its snapshot.</summary>
    private void SnapshotIfEnded()
    {
        if (_state.Status.IsTerminal()) SaveSnapshotOf(new PairSnapshot(_state));
    }

    /// <summary>
    /// A pair recovered ended without a snapshot of its end (it stopped between its last event and the snapshot, or
    /// ended before pairs took snapshots) takes it now.
    /// </summary>
    private void SnapshotIfRecoveredEndedWithout()
    {
        if (_state.Status.IsTerminal() && _snapshotSequenceNr < LastSequenceNr) SaveSnapshotOf(new PairSnapshot(_state));
    }

    /// <summary>Stops the pair, once the snapshot it is storing (if any) is answered.</summary>
    private void StopOnceSnapshotAnswered()
    {
        if (_snapshotPending) _stopWhenSnapshotAnswered = true;
        else Context.Stop(Self);
    }

    private void ReleaseAfterRecovery(DateTimeOffset resolvedAt)
    {
        if (LastSequenceNr == 0 || _snapshot?.ExposureResolvedAt is not null && _snapshotSequenceNr == LastSequenceNr)
        {
            _log.Info("Pair {PairId}: exposure resolution noted already (or nothing stored); nothing to release", _state.PairId);
            Context.Stop(Self);
            return;
        }
        _log.Info("Pair {PairId} ({Status}): its exposure was resolved at {ResolvedAt}; snapshot taken so its events may leave the journal",
            _state.PairId, _state.Status, resolvedAt);
        SaveSnapshotOf(new PairSnapshot(_state, resolvedAt));
        StopOnceSnapshotAnswered();
    }
}
