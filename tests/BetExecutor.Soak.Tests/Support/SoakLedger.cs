using System.Globalization;
using BetExecutor.Actors.Accounts;
using BetExecutor.Venues.Http;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Soak.Tests.Support;

/// <summary>One pair as the executor saw it and as the venue's book has it.</summary>
public sealed record PairView(
    PairPlan Pair,
    SignalAnswer Answer,
    PairOutcome? Outcome,
    HeldBet? Positive,
    HeldBet? Hedge,
    int PositiveRequests,
    int HedgeRequests,
    IReadOnlyList<PlacementAttempt> PositiveAttempts,
    IReadOnlyList<PlacementAttempt> HedgeAttempts,
    IReadOnlyList<RecordedCall> PositiveCalls,
    IReadOnlyList<RecordedCall> HedgeCalls)
{
    public bool Executed => Answer.Kind == SignalAnswerKind.Executed;

    /// <summary>Whether the book's settlements of both legs are final and balanced.</summary>
    public bool BookBalanced =>
        Positive is not null && Hedge is not null && Positive.Settlement.IsFinal() && Hedge.Settlement.IsFinal()
        && SettlementClassifier.Classify(Positive.Settlement, Hedge.Settlement) is null
        && !HedgeShort;

    /// <summary>The hedge the venue holds pays more than 1 % less than the positive it holds (the executor's tolerance).</summary>
    public bool HedgeShort =>
        Positive is not null && Hedge is not null && Hedge.Stake * Hedge.Odds < Positive.Stake * Positive.Odds * 0.99m;

    public override string ToString()
    {
        var text = new System.Text.StringBuilder();
        text.Append(Pair).Append(": answer ").Append(Answer.Kind);
        if (Answer.Reason is { } reason) text.Append(' ').Append(reason.Code());
        text.Append("; outcome ").Append(Ledger.Describe(Outcome));
        text.Append("; scripted positive ").Append(Pair.PositiveFault).Append(", hedge ").Append(Pair.HedgeFault);
        text.Append("; book positive ").Append(Ledger.Describe(Positive)).Append(", hedge ").Append(Ledger.Describe(Hedge));
        text.Append("; positive requests ").Append(PositiveRequests).Append(" attempts [").Append(string.Join("; ", PositiveAttempts.Select(Ledger.Describe))).Append(']');
        text.Append("; hedge requests ").Append(HedgeRequests).Append(" attempts [").Append(string.Join("; ", HedgeAttempts.Select(Ledger.Describe))).Append(']');
        text.Append("; executor saw positive [").Append(string.Join("; ", PositiveCalls.Select(Ledger.Describe))).Append(']');
        text.Append(", hedge [").Append(string.Join("; ", HedgeCalls.Select(Ledger.Describe))).Append(']');
        return text.ToString();
    }
}

/// <summary>Readable one-liners for violation messages.</summary>
public static class Ledger
{
    public static string Describe(PairOutcome? outcome) => outcome is null
        ? "none"
        : outcome switch
        {
            PairOutcome.Exposed x => $"{x.Code} {x.Reason.Code()} ({x.Detail})",
            PairOutcome.NothingStands n => $"{n.Code} {n.Reason.Code()} ({n.Detail})",
            _ => outcome.Code,
        };

    public static string Describe(HeldBet? bet) => bet is null
        ? "none"
        : string.Create(CultureInfo.InvariantCulture,
            $"{bet.BetId} {bet.Stake}@{bet.Odds} (asked {bet.AskedStake}@{bet.AskedOdds}) placed {bet.PlacedAt:HH:mm:ss} visible +{bet.VisibleAfter.TotalSeconds:0.###}s {bet.Settlement}");

    public static string Describe(PlacementAttempt attempt) =>
        string.Create(CultureInfo.InvariantCulture, $"{attempt.ReceivedAt:HH:mm:ss} {attempt.Request.Stake}@{attempt.Request.Odds} -> {attempt.Answer}");

    public static string Describe(RecordedCall call) =>
        string.Create(CultureInfo.InvariantCulture, $"{call.At:HH:mm:ss} {call.Kind} -> {call.Result}");
}

/// <summary>
/// The soak's judgement: joins what was sent, what the executor answered and reported, and the venue's book and
/// attempts, then lists every violation of each rule (empty lists pass).
/// </summary>
public sealed class SoakLedger
{
    private readonly SoakResult _run;
    private readonly Dictionary<(string Account, string Reference), HeldBet> _heldByLeg;
    private readonly ILookup<(string Account, string Reference), HeldBet> _allByLeg;
    private readonly ILookup<(string Account, string Reference), PlacementAttempt> _attemptsByLeg;
    private readonly Dictionary<(string Account, string Reference), ReferenceCountBody> _countsByLeg;
    private readonly ILookup<(string Account, string Key), RecordedCall> _callsByKey;
    private readonly Dictionary<string, int> _limitedFromRound;

    public SoakLedger(SoakResult run)
    {
        _run = run;
        _allByLeg = run.Book.ToLookup(b => (b.Account.Key, b.ClientReference.Value));
        _heldByLeg = _allByLeg.ToDictionary(g => g.Key, g => g.First());
        _attemptsByLeg = run.Attempts.ToLookup(a => (a.Request.Account.Key, a.Request.ClientReference.Value));
        _countsByLeg = run.References.ToDictionary(r => (KeyOf(r.Account), r.ClientReference));
        _callsByKey = run.Calls.ToLookup(c => (c.Account.Key, c.Key));

        Pairs = run.Sent.Where(s => !s.Resend).Select(s => View(s.Pair, s.Answer)).ToList();
        Resends = run.Sent.Where(s => s.Resend).ToList();
        _limitedFromRound = Pairs
            .Where(v => v.Positive is { } bet && bet.Stake < bet.AskedStake * run.Plan.Settings.Limits.For(v.Pair.Owner).LimitedBelowShare)
            .GroupBy(v => v.Pair.Owner.Key)
            .ToDictionary(g => g.Key, g => g.Min(v => v.Pair.Round) + 1);
    }

    public IReadOnlyList<PairView> Pairs { get; }

    public IReadOnlyList<SentSignal> Resends { get; }

    public SoakResult Run => _run;

    /// <summary>Identities whose positive was accepted below the limiting share, and the first round they are limited from.</summary>
    public IReadOnlyDictionary<string, int> LimitedFromRound => _limitedFromRound;

    public IEnumerable<PairView> Executed => Pairs.Where(p => p.Executed);

    private PairView View(PairPlan pair, SignalAnswer answer)
    {
        var positive = (pair.Owner.Key, pair.PositiveRef.Value);
        var hedge = (pair.HedgeAccount.Key, pair.HedgeRef.Value);
        return new PairView(
            pair,
            answer,
            _run.Outcomes.GetValueOrDefault((pair.Owner.Key, pair.PairId)),
            _heldByLeg.GetValueOrDefault(positive),
            _heldByLeg.GetValueOrDefault(hedge),
            _countsByLeg.GetValueOrDefault(positive)?.Requests ?? 0,
            _countsByLeg.GetValueOrDefault(hedge)?.Requests ?? 0,
            _attemptsByLeg[positive].ToList(),
            _attemptsByLeg[hedge].ToList(),
            _callsByKey[positive].OrderBy(c => c.At).ToList(),
            _callsByKey[hedge].OrderBy(c => c.At).ToList());
    }

    private static string KeyOf(AccountBody account) => $"{account.Provider}/{account.Whitelabel}/{account.Account}";

    // ---- (1) at most one bet per leg ----

    /// <summary>Two bets for one (account, client reference), one leg held under two accounts, or a bet no leg of the soak asked for.</summary>
    public IReadOnlyList<string> DuplicateOrStrayBets()
    {
        var problems = new List<string>();
        foreach (var group in _allByLeg.Where(g => g.Count() > 1))
            problems.Add($"{group.Key.Account} {group.Key.Reference} holds {group.Count()} bets: {string.Join(" | ", group.Select(Ledger.Describe))}");
        foreach (var group in _run.Book.GroupBy(b => b.ClientReference.Value).Where(g => g.Select(b => b.Account).Distinct().Count() > 1))
            problems.Add($"{group.Key} is held under {string.Join(", ", group.Select(b => b.Account.Key))}");
        var pairsByReference = Pairs.SelectMany(p => new[] { (p.Pair.PositiveRef.Value, p.Pair.Owner.Key), (p.Pair.HedgeRef.Value, p.Pair.HedgeAccount.Key) })
            .ToDictionary(x => x.Item1, x => x.Item2);
        foreach (var bet in _run.Book)
        {
            if (!pairsByReference.TryGetValue(bet.ClientReference.Value, out var account))
                problems.Add($"stray bet {Ledger.Describe(bet)} under {bet.Account.Key}: no leg of the soak has reference {bet.ClientReference}");
            else if (account != bet.Account.Key)
                problems.Add($"bet {Ledger.Describe(bet)} for {bet.ClientReference} is under {bet.Account.Key}, its leg belongs to {account}");
        }
        return problems;
    }

    public int DuplicateBetCount =>
        _allByLeg.Sum(g => g.Count() - 1)
        + _run.Book.GroupBy(b => b.ClientReference.Value).Sum(g => g.Select(b => b.Account).Distinct().Count() - 1);

    // ---- (2) hedge only after an accepted positive; a positive requested once ----

    public IReadOnlyList<string> HedgesWithoutAcceptedPositive()
    {
        var problems = new List<string>();
        foreach (var view in Pairs)
        {
            var hedgeTouched = view.HedgeRequests > 0 || view.HedgeAttempts.Count > 0 || view.Hedge is not null;
            if (!hedgeTouched) continue;
            if (view.Positive is null)
            {
                problems.Add($"hedge requested or held without a positive held: {view}");
                continue;
            }
            var firstHedge = view.HedgeAttempts.Count > 0 ? view.HedgeAttempts.Min(a => a.ReceivedAt) : (DateTimeOffset?)null;
            if (firstHedge < view.Positive.PlacedAt)
                problems.Add($"hedge reached the venue before the positive was taken: {view}");
            // Without an Accepted answer the executor can only know of the positive from a lookup, once it shows.
            var answeredAccepted = view.PositiveCalls.Any(c => c.Kind == VenueCallKind.Place && c.Result is PlacementResult.Accepted);
            if (!answeredAccepted && firstHedge < view.Positive.VisibleAt)
                problems.Add($"hedge reached the venue before the unknown positive could have been found: {view}");
        }
        return problems;
    }

    public IReadOnlyList<string> RepeatedPlacements()
    {
        var problems = new List<string>();
        var maxHedge = _run.Plan.Settings.Pair.HedgeMaxAttempts;
        foreach (var view in Pairs)
        {
            if (view.PositiveRequests > 1) problems.Add($"positive requested {view.PositiveRequests} times: {view}");
            if (view.HedgeRequests > maxHedge) problems.Add($"hedge requested {view.HedgeRequests} times, at most {maxHedge} allowed: {view}");
        }
        return problems;
    }

    // ---- (3) every executed pair ends; nothing else is placed ----

    public IReadOnlyList<string> PairsWithoutAnEnd()
    {
        var problems = new List<string>();
        foreach (var view in Pairs)
        {
            if (view.Executed)
            {
                if (view.Outcome is null) problems.Add($"executed pair never finished: {view}");
                else if (view.Outcome is PairOutcome.Exposed { Reason: var reason } && !Enum.IsDefined(reason))
                    problems.Add($"exposure without a known reason: {view}");
            }
            else if (view.Outcome is not null || view.PositiveRequests > 0 || view.HedgeRequests > 0 || view.Positive is not null || view.Hedge is not null)
            {
                problems.Add($"a signal the executor did not execute reached the venue: {view}");
            }
        }
        return problems;
    }

    // ---- (4) each outcome agrees with the book ----

    public IReadOnlyList<string> OutcomesDisagreeingWithTheBook()
    {
        var problems = new List<string>();
        foreach (var view in Executed.Where(v => v.Outcome is not null))
        {
            var outcome = view.Outcome!;
            var disagreement = outcome switch
            {
                PairOutcome.Settled => view.BookBalanced ? null : "settled, but the book's legs are not both held, final and balanced",
                PairOutcome.NothingStands => view.Positive is null && view.Hedge is null && view.HedgeRequests == 0 ? null : "rejected, but the venue holds a leg or saw a hedge",
                PairOutcome.Exposed x => ExposureDisagreement(view, x.Reason),
                _ => $"unexpected outcome {outcome.Code}",
            };
            var (positiveSnapshot, hedgeSnapshot) = outcome switch
            {
                PairOutcome.Settled s => (s.Positive, s.Hedge),
                PairOutcome.Exposed x => (x.Positive, x.Hedge),
                _ => ((LegSnapshot?)null, (LegSnapshot?)null),
            };
            disagreement ??= SnapshotDisagreement(view, positiveSnapshot, view.Positive, view.Pair.PositiveFault, "positive")
                ?? SnapshotDisagreement(view, hedgeSnapshot, view.Hedge, view.Pair.HedgeFault, "hedge");
            if (disagreement is not null) problems.Add($"{disagreement}: {view}");
        }
        return problems;
    }

    private static string? ExposureDisagreement(PairView view, ExposureReason? reason)
    {
        var positive = view.Positive;
        var hedge = view.Hedge;
        switch (reason)
        {
            case ExposureReason.Unhedged:
                return positive is not null && hedge is null ? null : "unhedged, but the book does not hold the positive alone";
            case ExposureReason.UnresolvedUnknown:
                // Only legs whose lookups failed may end so (checked on its own); the book must fit the leg in doubt.
                if (view.Pair.PositiveFault != LegFault.None)
                    return hedge is null && view.HedgeRequests == 0 ? null : "unresolved positive, but a hedge was sent";
                return positive is not null ? null : "unresolved hedge, but no positive is held";
            case ExposureReason.HedgeShort:
                return view.HedgeShort ? null : "hedge-short, but the hedge the venue holds covers the positive";
            case ExposureReason.PollLimitReached:
                return positive is not null && hedge is not null && (!positive.Settlement.IsFinal() || !hedge.Settlement.IsFinal())
                    ? null
                    : "poll limit reached, but both legs are not held or neither is pending in the book";
            case { } settlement:
                if (positive is null || hedge is null || !positive.Settlement.IsFinal() || !hedge.Settlement.IsFinal())
                    return $"{settlement.Code()}, but the book's legs are not both held and final";
                var classified = SettlementClassifier.Classify(positive.Settlement, hedge.Settlement);
                return classified == settlement ? null : $"{settlement.Code()}, but the book classifies as {(classified?.Code() ?? "balanced")}";
            default:
                return "exposure without a reason";
        }
    }

    /// <summary>What the executor recorded of a leg must be what the venue holds.</summary>
    private static string? SnapshotDisagreement(PairView view, LegSnapshot? snapshot, HeldBet? held, LegFault fault, string leg)
    {
        if (snapshot is null) return null;
        if (snapshot.BetId is null)
        {
            // A held leg the executor does not know of is only possible when its lookups failed (an unresolved unknown).
            return held is null || (fault != LegFault.None && view.Outcome is PairOutcome.Exposed { Reason: ExposureReason.UnresolvedUnknown })
                ? null
                : $"the executor has no bet for the {leg}, the venue holds {held.BetId}";
        }
        if (held is null) return $"the executor has bet {snapshot.BetId} for the {leg}, the venue holds none";
        if (snapshot.BetId != held.BetId || snapshot.AcceptedStake != held.Stake || snapshot.AcceptedOdds != held.Odds)
            return $"the executor has the {leg} as {snapshot.BetId} {snapshot.AcceptedStake}@{snapshot.AcceptedOdds}, the venue holds {held.BetId} {held.Stake}@{held.Odds}";
        if (snapshot.Settlement is { } settled && settled.IsFinal() && settled != held.Settlement)
            return $"the executor has the {leg} settled {settled}, the venue {held.Settlement}";
        return null;
    }

    /// <summary>The converse: a positive standing alone, or legs the book settles unbalanced, is an exposure.</summary>
    public IReadOnlyList<string> SilentImbalances()
    {
        var problems = new List<string>();
        foreach (var view in Pairs)
        {
            var exposed = view.Outcome is PairOutcome.Exposed;
            if (view.Positive is not null && view.Hedge is null && !exposed)
                problems.Add($"positive held without a hedge and no exposure: {view}");
            if (view.Positive is not null && view.Hedge is not null && !view.BookBalanced && !exposed)
                problems.Add($"legs unbalanced or unsettled in the book and no exposure: {view}");
        }
        return problems;
    }

    /// <summary>Every hedge attempt asks for accepted stake × accepted odds ÷ hedge odds, at odds not below the signal's floor.</summary>
    public IReadOnlyList<string> HedgesNotSizedFromTheAcceptedPositive()
    {
        var problems = new List<string>();
        foreach (var view in Pairs.Where(v => v.Positive is not null))
        {
            foreach (var attempt in view.HedgeAttempts)
            {
                var expected = HedgeSizing.RoundToStep(view.Positive!.Stake * view.Positive.Odds / attempt.Request.Odds,
                    _run.Plan.Settings.Limits.For(view.Pair.HedgeAccount).StakeStep);
                if (attempt.Request.Stake != expected)
                    problems.Add($"hedge asked {attempt.Request.Stake} at {attempt.Request.Odds}, sizing from the accepted positive gives {expected}: {view}");
                if (attempt.Request.Odds < view.Pair.Signal.Hedge.MinOdds)
                    problems.Add($"hedge asked at {attempt.Request.Odds}, below the signal's minimum {view.Pair.Signal.Hedge.MinOdds}: {view}");
            }
        }
        return problems;
    }

    /// <summary>An unresolved unknown only where the venue's bet search really failed, and always there.</summary>
    public IReadOnlyList<string> UnexplainedUnresolvedUnknowns()
    {
        var problems = new List<string>();
        foreach (var view in Executed)
        {
            var unresolved = view.Outcome is PairOutcome.Exposed { Reason: ExposureReason.UnresolvedUnknown };
            // In doubt: a leg with failing lookups whose placement came back Unknown (a 429 first is a plain refusal).
            var positiveInDoubt = view.Pair.PositiveFault != LegFault.None && AnsweredUnknown(view.PositiveCalls);
            var hedgeInDoubt = view.Pair.HedgeFault != LegFault.None && AnsweredUnknown(view.HedgeCalls);
            if (unresolved)
            {
                var calls = positiveInDoubt ? view.PositiveCalls : view.HedgeCalls;
                var lookups = calls.Where(c => c.Kind == VenueCallKind.Lookup).ToList();
                if (!positiveInDoubt && !hedgeInDoubt)
                    problems.Add($"unresolved unknown on a pair whose lookups were never made to fail: {view}");
                else if (lookups.Count == 0 || lookups.Any(c => c.Result is not LookupResult.Failed))
                    problems.Add($"unresolved unknown, but not every lookup failed: {view}");
            }
            else if (positiveInDoubt || hedgeInDoubt)
            {
                problems.Add($"a leg in doubt whose lookups all failed did not end as an unresolved unknown: {view}");
            }
        }
        return problems;
    }

    private static bool AnsweredUnknown(IEnumerable<RecordedCall> calls) =>
        calls.Any(c => c.Kind == VenueCallKind.Place && c.Result is PlacementResult.Unknown);

    /// <summary>A positive accepted below the limiting share limits the identity: every later signal of it is refused.</summary>
    public IReadOnlyList<string> LimitViolations()
    {
        var problems = new List<string>();
        foreach (var view in Pairs)
        {
            var limited = _limitedFromRound.TryGetValue(view.Pair.Owner.Key, out var from) && view.Pair.Round >= from;
            var deniedLimited = view.Answer.Kind == SignalAnswerKind.Rejected && view.Answer.Reason == DenialReason.AccountLimited;
            if (limited && !deniedLimited)
                problems.Add($"identity limited since round {from - 1}, yet the signal was answered {view.Answer.Kind} {view.Answer.Reason}: {view}");
            if (!limited && deniedLimited)
                problems.Add($"refused as limited, but no earlier positive was accepted below the share: {view}");
        }
        return problems;
    }

    /// <summary>
    /// An exposure blocks its identity from the moment it is raised until the operator resolves it, and every
    /// exposure the executor reported is persisted with the audit's flags.
    /// </summary>
    public IReadOnlyList<string> ExposureControlViolations()
    {
        var problems = new List<string>();
        var records = _run.FinalStatuses.SelectMany(s => s.Exposures).ToDictionary(x => (x.IdentityKey, x.PairId));
        var byIdentity = records.Values.ToLookup(x => x.IdentityKey);
        foreach (var view in Pairs)
        {
            if (_limitedFromRound.TryGetValue(view.Pair.Owner.Key, out var from) && view.Pair.Round >= from) continue;
            var at = view.Pair.SentAt;
            // Raised at the signal's own instant counts as before it (timers of that instant fire before the round
            // is sent), except the exposure of the signal's own pair.
            var open = byIdentity[view.Pair.Owner.Key]
                .Where(x => x.PairId != view.Pair.PairId && x.RaisedAt <= at && (x.ResolvedAt is null || x.ResolvedAt > at) && x.ExpiresAt > at)
                .ToList();
            var denied = view.Answer.Kind == SignalAnswerKind.Rejected ? view.Answer.Reason : null;
            if (open.Count > 0 && denied != DenialReason.ExposureOpen)
                problems.Add($"exposure on {open[0].PairId} open, yet the signal was answered {view.Answer.Kind} {denied}: {view}");
            if (open.Count == 0 && denied == DenialReason.ExposureOpen)
                problems.Add($"refused for an open exposure, but none was open: {view}");
            if (open.Count == 0 && view.Answer.Kind != SignalAnswerKind.Executed && denied != DenialReason.PairExecuting)
                problems.Add($"refused with {denied} though nothing should have blocked it: {view}");
        }
        foreach (var view in Executed.Where(v => v.Outcome is PairOutcome.Exposed))
        {
            if (!records.TryGetValue((view.Pair.Owner.Key, view.Pair.PairId), out var record))
                problems.Add($"exposure reported but not recorded on the account: {view}");
            else if (view.Outcome is not PairOutcome.Exposed { Reason: var reported } || record.Reason != reported || !record.ManualReview || record.AutoRebet
                     || record.ExpiresAt != record.RaisedAt + _run.Plan.Settings.Account.ExposureExpiry)
                problems.Add($"exposure recorded as {record.Reason} manual {record.ManualReview} auto-rebet {record.AutoRebet} expiring {record.ExpiresAt:O}: {view}");
        }
        foreach (var record in records.Values)
        {
            if (_run.Outcomes.GetValueOrDefault((record.IdentityKey, record.PairId)) is not PairOutcome.Exposed)
                problems.Add($"exposure recorded on {record.IdentityKey} {record.PairId} ({record.Reason.Code()}) for a pair that did not report one");
        }
        return problems;
    }

    /// <summary>A signal delivered again gets the first decision back and places nothing (the requests check covers placing).</summary>
    public IReadOnlyList<string> ResendViolations()
    {
        var problems = new List<string>();
        var firsts = Pairs.ToDictionary(p => (p.Pair.Owner.Key, p.Pair.PairId));
        foreach (var resend in Resends)
        {
            var first = firsts[(resend.Pair.Owner.Key, resend.Pair.PairId)];
            if (resend.Answer.Kind != SignalAnswerKind.Duplicate || resend.Answer.First is not { } verdict
                || verdict.Accepted != first.Executed || verdict.Reason != first.Answer.Reason)
                problems.Add($"resent signal answered {resend.Answer.Kind} (first {resend.Answer.First}): {first}");
        }
        return problems;
    }

    /// <summary>The run ended: no timer left, no pair in flight.</summary>
    public IReadOnlyList<string> RunNotQuiet()
    {
        var problems = new List<string>();
        if (_run.TimersLeft) problems.Add($"timers still set when the run stopped at {_run.VirtualEnd:O}");
        foreach (var status in _run.FinalStatuses.Where(s => s.PairsInFlight.Count > 0 || s.ExecutingPairId is not null))
            problems.Add($"{status.Identity.Key} still has pairs in flight: {string.Join(", ", status.PairsInFlight)}");
        return problems;
    }
}
