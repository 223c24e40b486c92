using BetExecutor.Domain.Events;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using static BetExecutor.Domain.Pairs.PairPhase;

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
        switch (Phase, command)
        {
            case (NotStarted, StartPair start):
                plan.Start(start);
                break;
            // Its id was forgotten by the account after the signal-id window but the pair's history is still stored:
            // running it again would only replay its old end. The new signal is refused instead (nothing is sent).
            case (Ended ended, StartPair { NewAcceptance: true }):
                return new PairDecision([], [new ReportIdReused(ended.Outcome)]);
            case (PositivePending p, PlacementAnswered { Leg: LegKind.Positive } answer):
                plan.OnPositivePlacement(p, answer.Result);
                break;
            case (PositiveUnknown p, LookupAnswered { Leg: LegKind.Positive } answer):
                plan.OnPositiveLookup(p, answer.Result);
                break;
            case (PositiveUnknown p, WakeUp):
                plan.LookUpPositive(p.Core);
                break;
            case (PositiveWatching p, WakeUp):
                plan.LookUpPositive(p.Core);
                break;
            case (PositiveWatching p, LookupAnswered { Leg: LegKind.Positive } answer):
                plan.OnLateLookup(p, answer.Result);
                break;
            case (HedgePending p, PlacementAnswered { Leg: LegKind.Hedge } answer):
                plan.OnHedgePlacement(p, answer.Result);
                break;
            case (HedgeUnknown p, LookupAnswered { Leg: LegKind.Hedge } answer):
                plan.OnHedgeLookup(p, answer.Result);
                break;
            case (HedgeUnknown p, WakeUp):
                plan.LookUpHedge(p);
                break;
            case (HedgeRetryWaiting p, WakeUp):
                plan.RetryHedgeWhenDue(p);
                break;
            case (Settling p, WakeUp):
                plan.Poll(p);
                break;
            case (Settling p, SettlementAnswered answer):
                plan.OnSettlement(p, answer);
                break;
            case (_, ResumeAfterRecovery):
                plan.Resume();
                break;
            default:
                return PairDecision.Ignore;
        }
        return plan.ToDecision();
    }

    /// <summary>
    /// Builds one decision, applying each event as it is emitted so later events see the state they follow. Each
    /// step takes the phase it acts in as a parameter, so what it reads is known to be there.
    /// </summary>
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
                End(new PairAbandoned(AbandonReason.SignalTooOld,
                    $"the pair could only start at {now:O}, after {startBy:O} (its signal's receipt + max-signal-age)") { Meta = Meta });
                return;
            }
            if (now > start.SignalAcceptedAt + settings.MaxStartDelay)
            {
                End(new PairAbandoned(AbandonReason.StaleSignal,
                    $"the pair could only start {now - start.SignalAcceptedAt} after its signal was accepted (at most {settings.MaxStartDelay})") { Meta = Meta });
                return;
            }
            if (signal.ExpiresAt is { } expiry && expiry <= now)
            {
                End(new PairAbandoned(AbandonReason.SignalExpired, $"the signal expired at {expiry:O}") { Meta = Meta });
                return;
            }
            // The kill switch is checked again right before the positive's intent (a restart can start a pair long after
            // its signal was accepted): once the intent is recorded, the pair always goes on to its hedge.
            if (start.GlobalHalt is { } halt)
            {
                End(new PairAbandoned(AbandonReason.HaltedGlobally, $"{halt}; nothing was placed") { Meta = Meta });
                return;
            }
            var reference = ClientReference.For(_state.Identity, _state.PairId, LegKind.Positive, start.ReferencePerAcceptance ? start.SignalAcceptedAt : null);
            Emit(new PositiveIntentRecorded(signal, reference, signal.Positive.Stake, signal.Positive.Odds, start.SignalAcceptedAt) { Meta = Meta });
            Do(new ReportPositiveIntent(now));
            Do(new PlaceLeg(LegKind.Positive, new LegOrder(
                signal.Identity, reference, signal.Event.Id, signal.Positive.Market, signal.Positive.Selection,
                signal.Positive.Odds, signal.Positive.Stake, signal.Positive.Currency)));
        }

        public void OnPositivePlacement(PositivePending pending, PlacementResult result)
        {
            switch (result)
            {
                case PlacementResult.Accepted accepted:
                    AcceptPositiveThenHedge(pending.Core, accepted.Bet);
                    break;
                case PlacementResult.Rejected rejected:
                    End(new PositiveRejected(rejected.Code, rejected.Permanent) { Meta = Meta });
                    break;
                case PlacementResult.Unknown unknown:
                    Emit(new PositiveOutcomeUnknown(unknown.Reason) { Meta = Meta });
                    Do(new WakeAt(now + settings.FirstLookupDelay));
                    break;
            }
        }

        public void OnPositiveLookup(PositiveUnknown unknown, LookupResult result)
        {
            switch (result)
            {
                case LookupResult.Found found:
                    AcceptPositiveThenHedge(unknown.Core, found.Bet);
                    break;
                case LookupResult.NotFound when WindowIsOver(unknown.Since):
                    var watchUntil = now + settings.Watch;
                    Emit(new PositiveNotFound(watchUntil) { Meta = Meta });
                    WatchOrEnd(watchUntil);
                    break;
                case LookupResult.Failed failed when WindowIsOver(unknown.Since):
                    RaiseExposure(ExposureReason.UnresolvedUnknown, $"the positive's outcome could not be resolved: {failed.Reason}");
                    break;
                default:
                    Do(new WakeAt(NextLookupAt(unknown.Since)));
                    break;
            }
        }

        /// <summary>A lookup during the late-acceptance watch: a bet found now stands; otherwise keep watching until the end.</summary>
        public void OnLateLookup(PositiveWatching watching, LookupResult result)
        {
            if (result is LookupResult.Found found)
            {
                AcceptPositiveThenHedge(watching.Core, found.Bet);
                return;
            }
            // A failed lookup says nothing; the window's definite "not found" stands unless a bet shows up.
            WatchOrEnd(watching.Until);
        }

        private void WatchOrEnd(DateTimeOffset until)
        {
            if (now >= until)
            {
                End(new PositiveWatchEnded { Meta = Meta });
                return;
            }
            var next = now + settings.WatchCheckEvery;
            Do(new WakeAt(next < until ? next : until));
        }

        public void OnHedgePlacement(HedgePending pending, PlacementResult result)
        {
            switch (result)
            {
                case PlacementResult.Accepted accepted:
                    AcceptHedge(pending, accepted.Bet);
                    break;
                case PlacementResult.Rejected rejected:
                    OnHedgeRejected(pending, rejected);
                    break;
                case PlacementResult.Unknown unknown:
                    Emit(new HedgeOutcomeUnknown(unknown.Reason) { Meta = Meta });
                    Do(new WakeAt(now + settings.FirstLookupDelay));
                    break;
            }
        }

        public void OnHedgeLookup(HedgeUnknown unknown, LookupResult result)
        {
            switch (result)
            {
                case LookupResult.Found found:
                    AcceptHedge(unknown, found.Bet);
                    break;
                case LookupResult.NotFound when WindowIsOver(unknown.Since):
                    // The venue never took that attempt. A retry reuses the client reference, so even a bet that
                    // shows up late is answered as the one already held, never placed twice.
                    var retryAt = HedgeRetryAt(unknown.Hedge);
                    Emit(new HedgeNotFound(unknown.Hedge.Number, retryAt) { Meta = Meta });
                    if (retryAt is { } at) Do(new WakeAt(at));
                    else RaiseExposure(ExposureReason.Unhedged, $"the hedge was not found after {unknown.Hedge.Number} attempt(s) and the retry budget is spent");
                    break;
                case LookupResult.Failed failed when WindowIsOver(unknown.Since):
                    RaiseExposure(ExposureReason.UnresolvedUnknown, $"the hedge's outcome could not be resolved: {failed.Reason}");
                    break;
                default:
                    Do(new WakeAt(NextLookupAt(unknown.Since)));
                    break;
            }
        }

        public void RetryHedgeWhenDue(HedgeRetryWaiting waiting)
        {
            if (waiting.RetryAt > now)
            {
                Do(new WakeAt(waiting.RetryAt));
                return;
            }
            AttemptHedge(waiting.Core, waiting.Positive, waiting.Hedge.Number + 1, waiting.NextOdds);
        }

        public void LookUpPositive(PairCore core) =>
            Do(new LookUpLeg(LegKind.Positive, _state.Identity, core.Positive.ClientReference));

        public void LookUpHedge(Hedging hedging) =>
            Do(new LookUpLeg(LegKind.Hedge, hedging.Core.Signal.Hedge.Identity, hedging.Hedge.Ask.ClientReference));

        public void Poll(Settling settling)
        {
            var signal = settling.Core.Signal;
            Do(new PollSettlement(
                settling.PositiveIsFinal ? null : new BetOnVenue(signal.Identity, settling.Positive.BetId),
                settling.HedgeIsFinal ? null : new BetOnVenue(signal.Hedge.Identity, settling.HedgeBet.BetId)));
        }

        public void OnSettlement(Settling settling, SettlementAnswered answer)
        {
            var polled = new SettlementPolled(settling.Polls + 1, StateOf(answer.Positive), StateOf(answer.Hedge)) { Meta = Meta };
            var after = settling.After(polled);
            Emit(polled);
            if (after is { PositiveSettlement: { } positive, HedgeSettlement: { } hedge } && positive.IsFinal() && hedge.IsFinal())
            {
                if (SettlementClassifier.Classify(positive, hedge) is { } reason)
                {
                    RaiseExposure(reason, $"positive {positive.Code()}, hedge {hedge.Code()}");
                    return;
                }
                End(new PairSettled(positive, hedge) { Meta = Meta });
                return;
            }
            if (after.Polls >= settings.MaxSettlementPolls)
            {
                RaiseExposure(ExposureReason.PollLimitReached,
                    $"not final after {after.Polls} polls (positive {Describe(after.PositiveSettlement)}, hedge {Describe(after.HedgeSettlement)})");
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
            switch (_state.Phase)
            {
                case NotStarted:
                    return; // nothing was recorded: the owner's StartPair decides
                case PositivePending pending:
                    Emit(new PositiveOutcomeUnknown("recovered after a restart: the placement may have reached the venue") { Meta = Meta });
                    LookUpPositive(pending.Core);
                    return;
                case PositiveUnknown unknown:
                    LookUpPositive(unknown.Core);
                    return;
                case PositiveWatching watching:
                    LookUpPositive(watching.Core);
                    return;
                case PairPhase.PositiveAccepted accepted:
                    // The positive stands and no hedge intent was stored after it: decide the hedge now.
                    HedgeOrFlag(accepted.Core, accepted.Positive);
                    return;
                case HedgePending pending:
                    Emit(new HedgeOutcomeUnknown("recovered after a restart: the placement may have reached the venue") { Meta = Meta });
                    LookUpHedge(pending);
                    return;
                case HedgeUnknown unknown:
                    LookUpHedge(unknown);
                    return;
                case HedgeRetryWaiting waiting:
                    Do(new WakeAt(waiting.RetryAt));
                    return;
                case HedgeFailed:
                    RaiseExposure(ExposureReason.Unhedged, "the hedge had failed when the pair was recovered");
                    return;
                case Settling settling:
                    // The owner may not have recorded the hedge before the restart; telling it again is harmless.
                    Do(ReportHedged.Instance);
                    // Before kick-off nothing can have settled: polling now would only spend the poll budget.
                    var startsAt = settling.Core.Signal.Event.StartsAt;
                    if (startsAt > now) Do(new WakeAt(startsAt));
                    else Poll(settling);
                    return;
                case Ended ended:
                    Do(new ReportFinished(ended.Outcome)); // report again in case the owner never recorded it
                    return;
            }
        }

        private void AcceptPositiveThenHedge(PairCore core, AcceptedBet bet)
        {
            // What the venue says it holds is recorded whatever it says: it is the truth an operator starts from.
            Emit(new PositiveAccepted(bet) { Meta = Meta });
            Do(new ReportPositiveAccepted(core.Positive.Stake, bet));
            HedgeOrFlag(core, bet);
        }

        /// <summary>Sizes the first hedge from the positive as accepted, unless that acceptance is outside what was asked.</summary>
        private void HedgeOrFlag(PairCore core, AcceptedBet positive)
        {
            if (VenueAnswerCheck.Anomaly(core.Positive, positive, settings) is { } anomaly)
            {
                RaiseExposure(ExposureReason.VenueAnomaly, $"the positive's acceptance is out of bounds, no hedge is sized from it: {anomaly}");
                return;
            }
            AttemptHedge(core, positive, 1, core.Signal.Hedge.Odds);
        }

        private void AttemptHedge(PairCore core, AcceptedBet positive, int attempt, decimal odds)
        {
            var signal = core.Signal;
            switch (HedgeSizing.Size(positive, odds, signal.Hedge.MinOdds, settings.HedgeStakeStep))
            {
                case HedgeSizing.Result.Refused refused:
                    RaiseExposure(ExposureReason.Unhedged, $"hedge refused: {refused.Reason}");
                    return;
                case HedgeSizing.Result.Sized sized:
                    var reference = ClientReference.HedgeOf(core.Positive.ClientReference);
                    // The first intent's Meta.At is when the retry budget starts (see Apply).
                    Emit(new HedgeIntentRecorded(reference, attempt, sized.Stake, sized.Odds) { Meta = Meta });
                    Do(new PlaceLeg(LegKind.Hedge, new LegOrder(
                        signal.Hedge.Identity, reference, signal.Event.Id, signal.Hedge.Market, signal.Hedge.Selection,
                        sized.Odds, sized.Stake, signal.Positive.Currency)));
                    return;
            }
        }

        private void OnHedgeRejected(HedgePending pending, PlacementResult.Rejected rejected)
        {
            var attempt = pending.Hedge.Number;
            var minOdds = pending.Core.Signal.Hedge.MinOdds;
            if (rejected.Permanent)
            {
                Emit(new HedgeRejected(rejected.Code, true, attempt, null, null) { Meta = Meta });
                RaiseExposure(ExposureReason.Unhedged, $"hedge rejected permanently ({rejected.Code})");
                return;
            }
            var odds = rejected.CurrentOdds ?? pending.Hedge.Ask.Odds;
            if (odds < minOdds)
            {
                // Recorded as the venue classed it (transient); no retry follows because the new price is below the floor.
                Emit(new HedgeRejected(rejected.Code, false, attempt, null, odds) { Meta = Meta });
                RaiseExposure(ExposureReason.Unhedged, $"hedge re-priced to {odds}, below the minimum {minOdds}");
                return;
            }
            var retryAt = HedgeRetryAt(pending.Hedge);
            Emit(new HedgeRejected(rejected.Code, false, attempt, retryAt, rejected.CurrentOdds) { Meta = Meta });
            if (retryAt is { } at) Do(new WakeAt(at));
            else RaiseExposure(ExposureReason.Unhedged, $"hedge rejected {attempt} time(s) ({rejected.Code}); retries exhausted");
        }

        /// <summary>When the next hedge attempt may go, or null when the attempt or time budget is spent.</summary>
        private DateTimeOffset? HedgeRetryAt(HedgeAttempt last)
        {
            if (last.Number >= settings.HedgeMaxAttempts) return null;
            var retryAt = now + settings.HedgeRetryDelay * Math.Pow(2, last.Number - 1);
            var deadline = last.FirstAttemptAt + settings.HedgeRetryBudget;
            return retryAt <= deadline ? retryAt : null;
        }

        private void AcceptHedge(Hedging hedging, AcceptedBet bet)
        {
            Emit(new HedgeAccepted(bet) { Meta = Meta });
            if (VenueAnswerCheck.Anomaly(hedging.Hedge.Ask, bet, settings) is { } anomaly)
            {
                RaiseExposure(ExposureReason.VenueAnomaly, $"the hedge's acceptance is out of bounds: {anomaly}");
                return;
            }
            // What the venue took is what stands. A hedge taken short (a stake cut, a worse price) leaves the pair
            // unbalanced whatever the result: an operator must top it up or accept it, now rather than at settlement.
            // Both bets passed the bounds check, so these products cannot overflow.
            var positive = hedging.Positive;
            var needed = positive.Stake * positive.Odds;
            var covered = bet.Stake * bet.Odds;
            if (covered < needed * (1m - settings.HedgeShortTolerance))
            {
                RaiseExposure(ExposureReason.HedgeShort,
                    $"hedge pays {covered:0.##} where the positive pays {needed:0.##} (hedge {bet.Stake} at {bet.Odds}, asked {hedging.Hedge.Ask.Stake} at {hedging.Hedge.Ask.Odds})");
                return;
            }
            Do(ReportHedged.Instance);
            // Nothing settles before the event starts; polling earlier only spends the poll budget.
            var startsAt = hedging.Core.Signal.Event.StartsAt;
            var firstPoll = now + settings.PollInterval;
            Do(new WakeAt(startsAt > firstPoll ? startsAt : firstPoll));
        }

        private void RaiseExposure(ExposureReason reason, string detail) =>
            End(new ExposureRaised(reason, detail, _state.SnapshotOf(LegKind.Positive), _state.SnapshotOf(LegKind.Hedge)) { Meta = Meta });

        /// <summary>Emits an event that ends the pair, then reports the outcome it ended with.</summary>
        private void End(PairEvent terminal)
        {
            Emit(terminal);
            if (_state.Phase is not Ended ended)
                throw new InvalidOperationException($"pair {_state.PairId}: {terminal.GetType().Name} did not end the pair (now {_state.Status})");
            Do(new ReportFinished(ended.Outcome));
        }

        private bool WindowIsOver(DateTimeOffset unknownSince) => now >= unknownSince + settings.UnknownWindow;

        /// <summary>Lookups back off as the unknown ages (half the time elapsed, within bounds) and always land on the window's end.</summary>
        private DateTimeOffset NextLookupAt(DateTimeOffset since)
        {
            var delay = TimeSpan.FromTicks(Math.Clamp((now - since).Ticks / 2, settings.FirstLookupDelay.Ticks, settings.MaxLookupDelay.Ticks));
            var windowEnd = since + settings.UnknownWindow;
            var next = now + delay;
            return next < windowEnd ? next : windowEnd;
        }

        private static SettlementState? StateOf(SettlementResult? result) =>
            result is SettlementResult.Known known ? known.State : null;

        private static string Describe(SettlementState? state) => state?.Code() ?? "no answer";
    }
}
