using BetExecutor.Actors.Pairs;
using BetExecutor.Domain.Accounts;

namespace BetExecutor.Actors.Accounts;

/// <summary>
/// The signal-id window (AccountState.SeenWindow.cs): the account forgets ids decided longer ago than
/// <c>bet-executor.signal-id-window</c>, and a forgotten id whose pair still has history is refused as reused.
/// </summary>
public sealed partial class AccountActor
{
    private TimeSpan? SignalIdWindow => _services.Settings.Account.SignalIdWindow;

    /// <summary>
    /// Why refuse rather than run: the pair's persistence id is <c>pair/{identity}/{pairId}</c>, so a pair started
    /// under a forgotten id whose events or snapshot are still stored recovers its old end and places nothing; the
    /// new signal would silently do nothing. It is answered <c>signal-id-reused</c> (nothing placed) and recorded as
    /// its pair's end, so a repeat hears the same. An id whose old pair was forgotten by retention starts normally.
    /// </summary>
    private void OnPairIdReused(PairReportedIdReused report)
    {
        if (_storageLost is not null) return;
        var events = _state.OnPairIdReused(report.PairId, report.Earlier, report.At);
        if (_awaitingIntent.Remove(report.PairId, out var caller))
        {
            var detail = events.Count > 0 && events[0] is PairFinished { Outcome: Domain.Pairs.PairOutcome.NothingStands nothing } ? nothing.Detail : "its pair id was already used";
            Answer(new SignalAnswer(report.PairId, SignalAnswerKind.Rejected, DenialReason.SignalIdReused, $"nothing was placed: {detail}",
                _state.CooldownUntil, DryRun: DryRun), caller);
        }
        if (events.Count == 0) return;
        PersistAll(events.Select(Stamp), e =>
        {
            Applied(e);
            if (e is not PairFinished finished) return;
            LogFinished(finished);
            _services.Observer.PairFinished(_identity, finished.PairId, finished.Outcome);
        });
    }
}
