using BetExecutor.Domain.Events;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Domain.Pairs;

public sealed partial record PairState
{
    /// <summary>
    /// Decides what a command means in the current state: the events to persist and the effects to carry out after.
    /// Nothing here reads a clock or touches a venue.
    /// </summary>
    public PairDecision Decide(PairCommand command, DateTimeOffset now, PairSettings settings)
    {
        var plan = new Plan(this, now, settings);
        switch (Status, command)
        {
            case (PairStatus.NotStarted, StartPair start):
                plan.Start(start);
                break;
            case (PairStatus.PositivePending, PlacementAnswered { Leg: LegKind.Positive } answer):
                plan.OnPositivePlacement(answer.Result);
                break;
            case (PairStatus.PositiveUnknown, LookupAnswered { Leg: LegKind.Positive } answer):
                plan.OnPositiveLookup(answer.Result);
                break;
            case (PairStatus.PositiveUnknown, WakeUp):
            case (PairStatus.PositiveWatching, WakeUp):
                plan.LookUp(LegKind.Positive);
                break;
            case (PairStatus.PositiveWatching, LookupAnswered { Leg: LegKind.Positive } answer):
                plan.OnLateLookup(answer.Result);
                break;
            case (PairStatus.HedgePending, PlacementAnswered { Leg: LegKind.Hedge } answer):
                plan.OnHedgePlacement(answer.Result);
                break;
            case (PairStatus.HedgeUnknown, LookupAnswered { Leg: LegKind.Hedge } answer):
                plan.OnHedgeLookup(answer.Result);
                break;
            case (PairStatus.HedgeUnknown, WakeUp):
                plan.LookUp(LegKind.Hedge);
                break;
            case (PairStatus.HedgeRetryWaiting, WakeUp):
                plan.RetryHedgeWhenDue();
                break;
            case (PairStatus.Settling, WakeUp):
                plan.Poll();
                break;
            case (PairStatus.Settling, SettlementAnswered answer):
                plan.OnSettlement(answer);
                break;
            case (_, ResumeAfterRecovery):
                plan.Resume();
                break;
            default:
                return PairDecision.Ignore;
        }
        return plan.ToDecision();
    }

    /// <summary>Builds one decision, applying each event as it is emitted so later events see the state they follow.</summary>
    private sealed class Plan(PairState initial, DateTimeOffset now, PairSettings settings)
    {
        private readonly List<PairEvent> _events = [];
        private readonly List<PairEffect> _effects = [];
        private PairState _state = initial;

        public PairDecision ToDecision() => new(_events, _effects);

        private EventMeta Meta => new(now, _state.Identity.Key, _state.PairId);

        private void Emit(PairEvent e)
        {
            _state = _state.Apply(e);
            _events.Add(e);
        }

        private void Do(PairEffect effect) => _effects.Add(effect);

        public void Start(StartPair start)
        {
            var signal = start.Signal;
            if (start.StartBy is { } startBy && now > startBy)
            {
                Emit(new PairAbandoned($"signal-too-old: the pair could only start at {now:O}, after {startBy:O} (its signal's receipt + max-signal-age)") { Meta = Meta });
                Finish();
                return;
            }
            if (now > start.SignalAcceptedAt + settings.MaxStartDelay)
            {
                Emit(new PairAbandoned($"the pair could only start {now - start.SignalAcceptedAt} after its signal was accepted") { Meta = Meta });
                Finish();
                return;
            }
            if (signal.ExpiresAt is { } expiry && expiry <= now)
            {
                Emit(new PairAbandoned($"the signal expired at {expiry:O}") { Meta = Meta });
                Finish();
                return;
            }
            var reference = ClientReference.For(_state.Identity, _state.PairId, LegKind.Positive);
            Emit(new PositiveIntentRecorded(signal, reference, signal.Positive.Stake, signal.Positive.Odds, start.SignalAcceptedAt) { Meta = Meta });
            Do(new ReportPositiveIntent(now));
            Do(new PlaceLeg(LegKind.Positive, new LegOrder(
                signal.Identity, reference, signal.Event.Id, signal.Positive.Market, signal.Positive.Selection,
                signal.Positive.Odds, signal.Positive.Stake, signal.Positive.Currency)));
        }

        public void OnPositivePlacement(PlacementResult result)
        {
            switch (result)
            {
                case PlacementResult.Accepted accepted:
                    AcceptPositiveThenHedge(accepted.Bet);
                    break;
                case PlacementResult.Rejected rejected:
                    Emit(new PositiveRejected(rejected.Code, rejected.Permanent) { Meta = Meta });
                    Finish();
                    break;
                case PlacementResult.Unknown unknown:
                    Emit(new PositiveOutcomeUnknown(unknown.Reason) { Meta = Meta });
                    Do(new WakeAt(now + settings.FirstLookupDelay));
                    break;
            }
        }

        public void OnPositiveLookup(LookupResult result)
        {
            switch (result)
            {
                case LookupResult.Found found:
                    AcceptPositiveThenHedge(found.Bet);
                    break;
                case LookupResult.NotFound when WindowIsOver():
                    Emit(new PositiveNotFound(now + settings.Watch) { Meta = Meta });
                    WatchOrEnd();
                    break;
                case LookupResult.Failed failed when WindowIsOver():
                    RaiseExposure(ExposureReason.UnresolvedUnknown, $"the positive's outcome could not be resolved: {failed.Reason}");
                    break;
                default:
                    Do(new WakeAt(NextLookupAt()));
                    break;
            }
        }

        /// <summary>A lookup during the late-acceptance watch: a bet found now stands; otherwise keep watching until the end.</summary>
        public void OnLateLookup(LookupResult result)
        {
            if (result is LookupResult.Found found)
            {
                AcceptPositiveThenHedge(found.Bet);
                return;
            }
            // A failed lookup says nothing; the window's definite "not found" stands unless a bet shows up.
            WatchOrEnd();
        }

        private void WatchOrEnd()
        {
            var until = _state.WatchUntil!.Value;
            if (now >= until)
            {
                Emit(new PositiveWatchEnded { Meta = Meta });
                Finish();
                return;
            }
            var next = now + settings.WatchCheckEvery;
            Do(new WakeAt(next < until ? next : until));
        }

        public void OnHedgePlacement(PlacementResult result)
        {
            switch (result)
            {
                case PlacementResult.Accepted accepted:
                    AcceptHedge(accepted.Bet);
                    break;
                case PlacementResult.Rejected rejected:
                    OnHedgeRejected(rejected);
                    break;
                case PlacementResult.Unknown unknown:
                    Emit(new HedgeOutcomeUnknown(unknown.Reason) { Meta = Meta });
                    Do(new WakeAt(now + settings.FirstLookupDelay));
                    break;
            }
        }

        public void OnHedgeLookup(LookupResult result)
        {
            switch (result)
            {
                case LookupResult.Found found:
                    AcceptHedge(found.Bet);
                    break;
                case LookupResult.NotFound when WindowIsOver():
                    // The venue never took that attempt. A retry reuses the client reference, so even a bet that
                    // shows up late is answered as the one already held, never placed twice.
                    var retryAt = HedgeRetryAt();
                    Emit(new HedgeNotFound(_state.Hedge.Attempts, retryAt) { Meta = Meta });
                    if (retryAt is { } at) Do(new WakeAt(at));
                    else RaiseExposure(ExposureReason.Unhedged, $"the hedge was not found after {_state.Hedge.Attempts} attempt(s) and the retry budget is spent");
                    break;
                case LookupResult.Failed failed when WindowIsOver():
                    RaiseExposure(ExposureReason.UnresolvedUnknown, $"the hedge's outcome could not be resolved: {failed.Reason}");
                    break;
                default:
                    Do(new WakeAt(NextLookupAt()));
                    break;
            }
        }

        public void RetryHedgeWhenDue()
        {
            if (_state.NextAttemptAt is { } due && due > now)
            {
                Do(new WakeAt(due));
                return;
            }
            AttemptHedge(_state.Hedge.Attempts + 1, _state.RepricedHedgeOdds ?? _state.Hedge.AskedOdds);
        }

        public void LookUp(LegKind leg)
        {
            var account = leg == LegKind.Positive ? _state.Identity : _state.Signal!.Hedge.Identity;
            var progress = leg == LegKind.Positive ? _state.Positive : _state.Hedge;
            Do(new LookUpLeg(leg, account, progress.ClientReference!));
        }

        public void Poll()
        {
            var signal = _state.Signal!;
            Do(new PollSettlement(
                _state.Positive.IsSettled ? null : new BetOnVenue(signal.Identity, _state.Positive.Bet!.BetId),
                _state.Hedge.IsSettled ? null : new BetOnVenue(signal.Hedge.Identity, _state.Hedge.Bet!.BetId)));
        }

        public void OnSettlement(SettlementAnswered answer)
        {
            Emit(new SettlementPolled(_state.Polls + 1, StateOf(answer.Positive), StateOf(answer.Hedge)) { Meta = Meta });
            if (_state.Positive.IsSettled && _state.Hedge.IsSettled)
            {
                var positive = _state.Positive.Settlement!.Value;
                var hedge = _state.Hedge.Settlement!.Value;
                if (SettlementClassifier.Classify(positive, hedge) is { } reason)
                {
                    RaiseExposure(reason, $"positive {positive}, hedge {hedge}");
                    return;
                }
                Emit(new PairSettled(positive, hedge) { Meta = Meta });
                Finish();
                return;
            }
            if (_state.Polls >= settings.MaxSettlementPolls)
            {
                RaiseExposure(ExposureReason.PollLimitReached,
                    $"not final after {_state.Polls} polls (positive {Describe(_state.Positive)}, hedge {Describe(_state.Hedge)})");
                return;
            }
            Do(new WakeAt(now + settings.PollInterval));
        }

        /// <summary>
        /// Picks up after a restart. A leg whose intent was recorded but whose outcome was not may or may not have
        /// reached the venue: it is reconciled by lookup, never sent again blindly.
        /// </summary>
        public void Resume()
        {
            switch (_state.Status)
            {
                case PairStatus.NotStarted:
                    return; // nothing was recorded: the owner's StartPair decides
                case PairStatus.PositivePending:
                    Emit(new PositiveOutcomeUnknown("recovered after a restart: the placement may have reached the venue") { Meta = Meta });
                    LookUp(LegKind.Positive);
                    return;
                case PairStatus.PositiveUnknown:
                case PairStatus.PositiveWatching:
                    LookUp(LegKind.Positive);
                    return;
                case PairStatus.PositiveAccepted:
                    AttemptHedge(1, _state.Signal!.Hedge.Odds);
                    return;
                case PairStatus.HedgePending:
                    Emit(new HedgeOutcomeUnknown("recovered after a restart: the placement may have reached the venue") { Meta = Meta });
                    LookUp(LegKind.Hedge);
                    return;
                case PairStatus.HedgeUnknown:
                    LookUp(LegKind.Hedge);
                    return;
                case PairStatus.HedgeRetryWaiting:
                    Do(new WakeAt(_state.NextAttemptAt ?? now));
                    return;
                case PairStatus.HedgeFailed:
                    RaiseExposure(ExposureReason.Unhedged, "the hedge had failed when the pair was recovered");
                    return;
                case PairStatus.Settling:
                    // The owner may not have recorded the hedge before the restart; telling it again is harmless.
                    Do(ReportHedged.Instance);
                    // Before kick-off nothing can have settled: polling now would only spend the poll budget.
                    var startsAt = _state.Signal!.Event.StartsAt;
                    if (startsAt > now) Do(new WakeAt(startsAt));
                    else Poll();
                    return;
                default:
                    Finish(); // terminal: report again in case the owner never recorded it
                    return;
            }
        }

        private void AcceptPositiveThenHedge(AcceptedBet bet)
        {
            Emit(new PositiveAccepted(bet) { Meta = Meta });
            Do(new ReportPositiveAccepted(_state.Positive.AskedStake, bet));
            AttemptHedge(1, _state.Signal!.Hedge.Odds);
        }

        private void AttemptHedge(int attempt, decimal odds)
        {
            var signal = _state.Signal!;
            switch (HedgeSizing.Size(_state.Positive.Bet!, odds, signal.Hedge.MinOdds, settings.HedgeStakeStep))
            {
                case HedgeSizing.Result.Refused refused:
                    RaiseExposure(ExposureReason.Unhedged, $"hedge refused: {refused.Reason}");
                    return;
                case HedgeSizing.Result.Sized sized:
                    var reference = ClientReference.For(_state.Identity, _state.PairId, LegKind.Hedge);
                    Emit(new HedgeIntentRecorded(reference, attempt, sized.Stake, sized.Odds) { Meta = Meta });
                    Do(new PlaceLeg(LegKind.Hedge, new LegOrder(
                        signal.Hedge.Identity, reference, signal.Event.Id, signal.Hedge.Market, signal.Hedge.Selection,
                        sized.Odds, sized.Stake, signal.Positive.Currency)));
                    return;
            }
        }

        private void OnHedgeRejected(PlacementResult.Rejected rejected)
        {
            var attempt = _state.Hedge.Attempts;
            if (rejected.Permanent)
            {
                Emit(new HedgeRejected(rejected.Code, true, attempt, null, null) { Meta = Meta });
                RaiseExposure(ExposureReason.Unhedged, $"hedge rejected permanently ({rejected.Code})");
                return;
            }
            var odds = rejected.CurrentOdds ?? _state.Hedge.AskedOdds;
            if (odds < _state.Signal!.Hedge.MinOdds)
            {
                // Recorded as the venue classed it (transient); no retry follows because the new price is below the floor.
                Emit(new HedgeRejected(rejected.Code, false, attempt, null, odds) { Meta = Meta });
                RaiseExposure(ExposureReason.Unhedged, $"hedge re-priced to {odds}, below the minimum {_state.Signal.Hedge.MinOdds}");
                return;
            }
            var retryAt = HedgeRetryAt();
            Emit(new HedgeRejected(rejected.Code, false, attempt, retryAt, rejected.CurrentOdds) { Meta = Meta });
            if (retryAt is { } at) Do(new WakeAt(at));
            else RaiseExposure(ExposureReason.Unhedged, $"hedge rejected {attempt} time(s) ({rejected.Code}); retries exhausted");
        }

        /// <summary>When the next hedge attempt may go, or null when the attempt or time budget is spent.</summary>
        private DateTimeOffset? HedgeRetryAt()
        {
            var attempt = _state.Hedge.Attempts;
            if (attempt >= settings.HedgeMaxAttempts) return null;
            var retryAt = now + settings.HedgeRetryDelay * Math.Pow(2, attempt - 1);
            var deadline = (_state.HedgeFirstAttemptAt ?? now) + settings.HedgeRetryBudget;
            return retryAt <= deadline ? retryAt : null;
        }

        private void AcceptHedge(AcceptedBet bet)
        {
            Emit(new HedgeAccepted(bet) { Meta = Meta });
            // What the venue took is what stands. A hedge taken short (a stake cut, a worse price) leaves the pair
            // unbalanced whatever the result: an operator must top it up or accept it, now rather than at settlement.
            var positive = _state.Positive.Bet!;
            var needed = positive.Stake * positive.Odds;
            var covered = bet.Stake * bet.Odds;
            if (covered < needed * (1m - settings.HedgeShortTolerance))
            {
                RaiseExposure(ExposureReason.HedgeShort,
                    $"hedge pays {covered:0.##} where the positive pays {needed:0.##} (hedge {bet.Stake} at {bet.Odds}, asked {_state.Hedge.AskedStake} at {_state.Hedge.AskedOdds})");
                return;
            }
            Do(ReportHedged.Instance);
            // Nothing settles before the event starts; polling earlier only spends the poll budget.
            var startsAt = _state.Signal!.Event.StartsAt;
            var firstPoll = now + settings.PollInterval;
            Do(new WakeAt(startsAt > firstPoll ? startsAt : firstPoll));
        }

        private void RaiseExposure(ExposureReason reason, string detail)
        {
            Emit(new ExposureRaised(reason, detail, _state.SnapshotOf(LegKind.Positive), _state.SnapshotOf(LegKind.Hedge)) { Meta = Meta });
            Finish();
        }

        private void Finish() => Do(new ReportFinished(_state.Outcome!));

        private bool WindowIsOver() => now >= _state.UnknownSince!.Value + settings.UnknownWindow;

        /// <summary>Lookups back off as the unknown ages (half the time elapsed, within bounds) and always land on the window's end.</summary>
        private DateTimeOffset NextLookupAt()
        {
            var since = _state.UnknownSince!.Value;
            var delay = TimeSpan.FromTicks(Math.Clamp((now - since).Ticks / 2, settings.FirstLookupDelay.Ticks, settings.MaxLookupDelay.Ticks));
            var windowEnd = since + settings.UnknownWindow;
            var next = now + delay;
            return next < windowEnd ? next : windowEnd;
        }

        private static SettlementState? StateOf(SettlementResult? result) =>
            result is SettlementResult.Known known ? known.State : null;

        private static string Describe(LegProgress leg) => leg.Settlement?.ToString() ?? "no answer";
    }
}
