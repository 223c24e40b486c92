using System.Collections.Concurrent;
using BetExecutor.Actors;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Time;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using Phase = BetExecutor.Domain.Pairs.PairPhase;

namespace BetExecutor.Telemetry;

/// <summary>
/// Turns the facts the actors report (<see cref="IExecutorObserver"/>: stored events, answers, accounts starting and
/// stopping) into <see cref="ExecutorMetrics"/>. Every count comes from a stored event, so a count means the journal
/// holds it; replays after a restart are not reported, so nothing is counted twice. Thread-safe and non-throwing.
/// </summary>
public sealed class MetricsObserver(ExecutorMetrics metrics, CooldownWatch cooldownWatch) : IExecutorObserver
{
    /// <summary>When each pair's positive was accepted (the decision's instant), until its first hedge attempt leaves.</summary>
    private readonly ConcurrentDictionary<(string Identity, string PairId), DateTimeOffset> _positiveAcceptedAt = new();

    public ExecutorMetrics Metrics => metrics;

    /// <summary>A node's observer: its metrics on the node's name and clock, its cooldown watched with the node's setting.</summary>
    public static MetricsObserver For(ExecutorSettings settings, IExecutorClock clock) =>
        new(new ExecutorMetrics(settings.Node, () => clock.UtcNow), new CooldownWatch(_ => settings.Account.Cooldown));

    public void SignalAnswered(Identity identity, SignalAnswer answer)
    {
        metrics.Signals.Add(answer.Kind.Code(), answer.Reason?.Code() ?? TelemetryCodes.None);
        if (answer is { Kind: SignalAnswerKind.Rejected, Reason: DenialReason.Cooldown }) metrics.CooldownRejections.Add();
    }

    public void PairFinished(Identity identity, string pairId, PairOutcome outcome) { }

    public void AccountEventStored(Identity identity, AccountEvent e, AccountState after)
    {
        switch (e)
        {
            case ExposureOpened opened:
                metrics.ExposuresRaised.Add(opened.Exposure.Reason.Code());
                metrics.ExposuresAre(identity.Key, after.Exposures.Values);
                break;
            case ExposureResolved:
                metrics.ExposuresAre(identity.Key, after.Exposures.Values);
                break;
        }
    }

    public void AccountRunning(Identity identity, AccountState state)
    {
        metrics.Started(identity.Key);
        metrics.ExposuresAre(identity.Key, state.Exposures.Values);
    }

    public void AccountStopped(Identity identity, bool passivated) => metrics.Stopped(identity.Key, passivated);

    public void PairEventStored(PairState before, PairEvent e, DateTimeOffset storedAt)
    {
        var key = (before.Identity.Key, before.PairId);
        switch (e)
        {
            case PositiveIntentRecorded intent:
                metrics.SignalToPositive.Record(Seconds(storedAt - intent.SignalAcceptedAt));
                if (cooldownWatch.PositiveSent(before.Identity.Key, intent.Meta.At)) metrics.CooldownViolations.Add();
                break;
            case PositiveAccepted:
                _positiveAcceptedAt[key] = e.Meta.At;
                if (before.Phase is Phase.PositivePending) Placed(LegKind.Positive, PlacementOutcome.Accepted);
                else Resolved(LegKind.Positive, UnknownResolution.Found);
                break;
            case PositiveRejected:
                Placed(LegKind.Positive, PlacementOutcome.Rejected);
                break;
            case PositiveOutcomeUnknown:
                Unknown(LegKind.Positive);
                break;
            case PositiveWatchEnded:
                Resolved(LegKind.Positive, UnknownResolution.NotFound);
                break;
            case HedgeIntentRecorded { Attempt: 1 }:
                if (_positiveAcceptedAt.TryRemove(key, out var acceptedAt)) metrics.PositiveToHedge.Record(Seconds(storedAt - acceptedAt));
                break;
            case HedgeAccepted:
                if (before.Phase is Phase.HedgePending) Placed(LegKind.Hedge, PlacementOutcome.Accepted);
                else Resolved(LegKind.Hedge, UnknownResolution.Found);
                break;
            case HedgeRejected:
                Placed(LegKind.Hedge, PlacementOutcome.Rejected);
                break;
            case HedgeOutcomeUnknown:
                Unknown(LegKind.Hedge);
                break;
            case HedgeNotFound:
                Resolved(LegKind.Hedge, UnknownResolution.NotFound);
                break;
            case SettlementPolled:
                metrics.SettlementPolls.Add();
                break;
            case PairSettled:
                metrics.Reconciliations.Add(Reconciliation.Match.Code(), TelemetryCodes.None);
                break;
            case ExposureRaised raised:
                OnExposureRaised(before, raised);
                break;
        }
        if (e is PairSettled or ExposureRaised or PairAbandoned or PositiveRejected or PositiveWatchEnded) _positiveAcceptedAt.TryRemove(key, out _);
    }

    private void OnExposureRaised(PairState before, ExposureRaised raised)
    {
        if (raised.Reason == ExposureReason.UnresolvedUnknown)
            Resolved(before.Phase is Phase.HedgeUnknown ? LegKind.Hedge : LegKind.Positive, UnknownResolution.Unresolved);
        // Only settlement ends with both legs final or the poll limit: those are the reconciliation's mismatches.
        if (before.Phase is not Phase.Settling) return;
        var result = raised.Reason == ExposureReason.PollLimitReached ? Reconciliation.Unsettled : Reconciliation.Mismatch;
        metrics.Reconciliations.Add(result.Code(), raised.Reason.Code());
    }

    private void Placed(LegKind leg, PlacementOutcome outcome) => metrics.LegsPlaced.Add(leg.Code(), outcome.Code());

    /// <summary>
    /// A placement without a definite answer: the venue's answer was unknown, or the node restarted before it came
    /// (the pair records that as unknown too). Either way the placement's outcome is unknown until looked up.
    /// </summary>
    private void Unknown(LegKind leg)
    {
        Placed(leg, PlacementOutcome.Unknown);
        metrics.UnknownPlacements.Add(leg.Code());
    }

    private void Resolved(LegKind leg, UnknownResolution resolution) => metrics.UnknownResolutions.Add(leg.Code(), resolution.Code());

    private static double Seconds(TimeSpan span) => Math.Max(0, span.TotalSeconds);
}
