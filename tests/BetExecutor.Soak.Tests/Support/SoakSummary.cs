using System.Globalization;
using System.Text;
using BetExecutor.Actors.Accounts;
using BetExecutor.Venues.Http;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Soak.Tests.Support;

/// <summary>One line of the summary: what was counted, how many, and (for faults) how the executor handles it.</summary>
public sealed record SummaryRow(string Section, string Item, long Count, string Handling = "");

/// <summary>The soak's counts, from the venue's book and attempts (faults), the executor's answers and outcomes, and the client's view.</summary>
public sealed class SoakSummary
{
    public SoakSummary(SoakLedger ledger)
    {
        var run = ledger.Run;
        var plan = run.Plan;
        var rows = new List<SummaryRow>();
        void Add(string section, string item, long count, string handling = "") => rows.Add(new SummaryRow(section, item, count, handling));

        var legOf = ledger.Pairs.SelectMany(p => new[]
        {
            (Key: (p.Pair.PositiveRef.Value, p.Pair.Owner.Key), Leg: LegKind.Positive, Fault: p.Pair.PositiveFault),
            (Key: (p.Pair.HedgeRef.Value, p.Pair.HedgeAccount.Key), Leg: LegKind.Hedge, Fault: p.Pair.HedgeFault),
        }).ToDictionary(x => x.Key, x => (x.Leg, x.Fault));
        bool Scripted(string reference, string account) => legOf.TryGetValue((reference, account), out var l) && l.Fault != LegFault.None;
        bool IsPositive(string reference, string account) => legOf.TryGetValue((reference, account), out var l) && l.Leg == LegKind.Positive;

        // ---- the run ----
        Add("run", "positive identities (providers x whitelabels x accounts)", run.Owners.Count);
        Add("run", "hedge identities", plan.HedgeAccounts);
        Add("run", "rounds (one signal per identity each)", plan.Rounds);
        Add("run", "signals sent (first delivery)", ledger.Pairs.Count);
        Add("run", "pairs executed", ledger.Executed.Count());
        foreach (var denial in ledger.Pairs.Where(p => p.Answer.Kind == SignalAnswerKind.Rejected).GroupBy(p => p.Answer.Reason!.Value).OrderBy(g => g.Key))
            Add("run", $"signals denied: {denial.Key.Code()}", denial.Count());
        Add("run", "identities limited (a positive accepted below 50 % of its stake)", ledger.LimitedFromRound.Count);
        Add("run", "exposures resolved by the operator between rounds", run.ExposuresResolvedByOperator);
        Add("run", "placement requests received by the venue (HTTP)", run.References.Sum(r => r.Requests));
        Add("run", "placement attempts processed by the venue", run.Attempts.Count);
        Add("run", "lookups received by the venue", run.References.Sum(r => r.Lookups));
        Add("run", "settlement queries made", run.Calls.Count(c => c.Kind == VenueCallKind.Settlement));
        Add("run", "bets in the book", run.Book.Count);
        Add("run", "  positive bets", run.Book.Count(b => IsPositive(b.ClientReference.Value, b.Account.Key)));
        Add("run", "  hedge bets", run.Book.Count(b => !IsPositive(b.ClientReference.Value, b.Account.Key)));

        // ---- faults injected by the venue (fault profile), counted from its attempts and book ----
        var profileAttempts = run.Attempts.Where(a => !Scripted(a.Request.ClientReference.Value, a.Request.Account.Key)).ToList();
        foreach (var code in profileAttempts.Select(a => a.Answer).OfType<PlacementResult.Rejected>().Where(r => r.Permanent).GroupBy(r => r.Code).OrderBy(g => g.Key))
            Add("venue faults", $"rejected, permanent: {code.Key}", code.Count(),
                "positive: pair Rejected, no hedge; hedge: no retry, exposure unhedged");
        foreach (var code in profileAttempts.Select(a => a.Answer).OfType<PlacementResult.Rejected>().Where(r => !r.Permanent).GroupBy(r => r.Code).OrderBy(g => g.Key))
            Add("venue faults", $"rejected, transient: {code.Key}", code.Count(),
                "positive: pair Rejected (never re-sent); hedge: retried with the same reference (3 attempts, backoff, re-priced on PRICE_CHANGED; below min odds: unhedged)");
        var heldByLeg = run.Book.ToDictionary(b => (b.Account.Key, b.ClientReference.Value));
        var timeouts = profileAttempts.Where(a => a.Answer is PlacementResult.Unknown u && u.Reason.StartsWith("timeout", StringComparison.Ordinal)).ToList();
        // A lost answer took the bet when the bet was taken at that instant (a rare duplicate delivery can blur the two).
        var timeoutPlaced = timeouts.Count(a => heldByLeg.TryGetValue((a.Request.Account.Key, a.Request.ClientReference.Value), out var bet) && bet.PlacedAt == a.ReceivedAt);
        Add("venue faults", "timeout, bet taken (answer lost)", timeoutPlaced,
            "Unknown: lookups by client reference through the 30 s window; found = accepted (then hedged / settled)");
        Add("venue faults", "timeout, bet not taken (served as 503)", timeouts.Count - timeoutPlaced,
            "Unknown: lookups find nothing; positive: pair Rejected; hedge: retried with the same reference");
        Add("venue faults", "server error 503, bet not taken", profileAttempts.Count(a => a.Answer is PlacementResult.Unknown u && u.Reason.StartsWith("server error", StringComparison.Ordinal)),
            "Unknown, as above (never treated as rejected)");
        Add("venue faults", "odds moved at acceptance (bets)", run.Book.Count(b => b.Odds != b.AskedOdds),
            "hedge sized from the accepted odds of the positive");
        Add("venue faults", "stake cut at acceptance (bets)", run.Book.Count(b => b.Stake < b.AskedStake),
            "hedge sized from the accepted stake of the positive");
        Add("venue faults", "  of which positives below 50 % of the asked stake", run.Book.Count(b =>
                IsPositive(b.ClientReference.Value, b.Account.Key) && b.Stake < b.AskedStake * plan.Settings.Limits.For(b.Account).LimitedBelowShare),
            "identity marked limited: its later signals are denied account-limited");
        Add("venue faults", "  of which hedges (pair left under-hedged)", run.Book.Count(b =>
                !IsPositive(b.ClientReference.Value, b.Account.Key) && b.Stake < b.AskedStake),
            "exposure hedge-short as soon as the hedge is accepted");
        Add("venue faults", "late visibility (bets shown after up to 10 s)", run.Book.Count(b => b.VisibleAfter > TimeSpan.Zero),
            "lookups keep trying until the window ends; NotFound before it is not final");
        foreach (var state in new[] { SettlementState.Void, SettlementState.HalfWon, SettlementState.HalfLost, SettlementState.Pending })
            Add("venue faults", $"settled {state} (bets)", run.Book.Count(b => b.Settlement == state),
                state switch
                {
                    SettlementState.Void => "void on both legs: Settled; on one: exposure void-one-side",
                    SettlementState.Pending => "polled every 30 s; not final after 120 polls: exposure poll-limit",
                    _ => "exposure partial-settlement",
                });

        // ---- faults injected by the HTTP layer ----
        var duplicates = run.Attempts.GroupBy(a => (a.Request.Account.Key, a.Request.ClientReference.Value, a.ReceivedAt)).Sum(g => g.Count() - 1);
        Add("http faults", "429 before the venue looked", run.References.Sum(r => r.Requests) - (run.Attempts.Count - duplicates),
            "Rejected RATE_LIMITED (transient): positive Rejected; hedge retried");
        Add("http faults", "pending acceptance answers", run.Calls.Count(c => c.Result is PlacementResult.Unknown u && RecordedCall.UnknownKind(u.Reason) == "pending acceptance"),
            "Unknown; lookups answer pending (Failed, not NotFound) until accepted, then found");
        Add("http faults", "placements delivered twice to the venue", duplicates,
            "venue idempotency by (account, client reference): one bet");
        Add("http faults", "void bets reported as REFUNDED", run.VoidWireStates.Values.Count(s => s == SettlementWireStates.Refunded),
            "client reads REFUNDED as Void");
        Add("http faults", string.Create(CultureInfo.InvariantCulture,
                $"answers slower than {plan.HttpFaults.SlowLatency.TotalMilliseconds:0} ms (seen by the client: the slow tail of {plan.HttpFaults.SlowShare:P0} plus machine load)"),
            run.Calls.Count(c => !c.IsUnanswered && c.Took >= plan.HttpFaults.SlowLatency), "within the client's timeouts: no effect");

        // ---- faults the soak scripts itself ----
        var pairs = ledger.Pairs;
        Add("scripted faults", "positives: answer lost and bet search down (bet taken)", pairs.Count(p => p.Pair.PositiveFault == LegFault.LookupDownPlaced),
            "lookups fail through the window: exposure unresolved-unknown, no hedge");
        Add("scripted faults", "positives: answer lost and bet search down (not taken)", pairs.Count(p => p.Pair.PositiveFault == LegFault.LookupDownNotPlaced),
            "as above: the executor cannot tell, so exposure unresolved-unknown");
        Add("scripted faults", "hedges: answer lost and bet search down (bet taken)", pairs.Count(p => p.Pair.HedgeFault == LegFault.LookupDownPlaced),
            "exposure unresolved-unknown (if the positive was accepted)");
        Add("scripted faults", "hedges: answer lost and bet search down (not taken)", pairs.Count(p => p.Pair.HedgeFault == LegFault.LookupDownNotPlaced),
            "exposure unresolved-unknown (if the positive was accepted)");
        Add("scripted faults", "hedges settled independently of their positive (mismatched)", run.HedgesSettledIndependently,
            "both won / both lost / void one side: exposure with that reason");
        Add("scripted faults", "hedges settled opposite to their positive", run.HedgesSettledOpposite);
        Add("scripted faults", "signals delivered twice (same signal id)", ledger.Resends.Count,
            "answered Duplicate with the first decision; nothing placed");
        Add("scripted faults", "  answered Duplicate", ledger.Resends.Count(r => r.Answer.Kind == SignalAnswerKind.Duplicate));

        // ---- what the executor's client saw ----
        Add("client", "placements with no answer (client timeout / dropped)", run.Calls.Count(c => c.IsUnanswered));
        Add("client", "  that reached the venue before time moved on", run.UnansweredThatLanded);
        Add("client", "  that never reached the venue within the landing wait", run.UnansweredThatNeverLanded.Count);
        var late = run.UnansweredThatNeverLanded.Where(call => LandedLate(run, call)).ToList();
        Add("client", "    of which reached it later (after time moved on)", late.Count);
        Add("client", "    of which never reached it (refused with 429 by the HTTP layer)", run.UnansweredThatNeverLanded.Count - late.Count);
        foreach (var failed in run.Calls.Where(c => c.Kind == VenueCallKind.Lookup).Select(c => c.Result).OfType<LookupResult.Failed>()
                     .GroupBy(f => f.Reason.Contains("pending", StringComparison.Ordinal) ? "pending acceptance" : "bet search failed / no answer").OrderBy(g => g.Key))
            Add("client", $"lookups Failed: {failed.Key}", failed.Count());
        Add("client", "lookups NotFound", run.Calls.Count(c => c.Result is LookupResult.NotFound));
        Add("client", "settlement queries Failed", run.Calls.Count(c => c.Result is SettlementResult.Failed));

        // ---- outcomes ----
        var executed = ledger.Executed.ToList();
        Add("outcomes", "Settled", executed.Count(p => p.Outcome is PairOutcome.Settled));
        foreach (var rejected in executed.Select(p => p.Outcome).OfType<PairOutcome.NothingStands>()
                     .GroupBy(n => $"{n.Reason.Code()} {n.Detail}").OrderBy(g => g.Key))
            Add("outcomes", $"Rejected: {rejected.Key}", rejected.Count());
        foreach (var reason in Enum.GetValues<ExposureReason>())
        {
            var exposed = executed.Select(p => p.Outcome).OfType<PairOutcome.Exposed>().Where(x => x.Reason == reason).ToList();
            Add("outcomes", $"Exposure: {reason.Code()}", exposed.Count);
            if (reason is ExposureReason.Unhedged or ExposureReason.UnresolvedUnknown)
                foreach (var why in exposed.GroupBy(x => Why(x.Detail)).OrderBy(g => g.Key))
                    Add("outcomes", $"  {why.Key}", why.Count());
        }
        Add("outcomes", "no outcome", executed.Count(p => p.Outcome is null));
        // The classifier judges settlement states only. A hedge the venue took for less, or at lower odds, than it
        // was asked leaves part of the positive's payout uncovered, yet both legs settle "balanced".
        var shortfalls = executed
            .Where(p => p.Outcome is PairOutcome.Settled && p.Positive is not null && p.Hedge is not null)
            .Select(p => (Pair: p, Short: p.Positive!.Stake * p.Positive.Odds - p.Hedge!.Stake * p.Hedge.Odds))
            .Where(x => x.Short > x.Pair.Positive!.Stake * x.Pair.Positive.Odds * 0.01m)
            .ToList();
        var largest = shortfalls.Count == 0 ? 0m : shortfalls.Max(x => x.Short);
        Add("outcomes", string.Create(CultureInfo.InvariantCulture,
                $"Settled, but under-hedged by > 1 % of the positive's payout (largest shortfall {largest:0.00})"),
            shortfalls.Count, "must be 0: a hedge taken short is a hedge-short exposure");
        UnderHedged = shortfalls.Select(x => x.Pair).ToList();
        Add("outcomes", "duplicate bets", ledger.DuplicateBetCount);

        Rows = rows;
    }

    public IReadOnlyList<SummaryRow> Rows { get; }

    /// <summary>An attempt of the leg at a later instant that the executor did not send then: the request the client gave up on, landing late.</summary>
    public static bool LandedLate(SoakResult run, RecordedCall call) =>
        run.Attempts.Any(a => a.Request.Account == call.Account && a.Request.ClientReference.Value == call.Key && a.ReceivedAt > call.At
                              && !run.Calls.Any(c => c.Kind == VenueCallKind.Place && c.Account == call.Account && c.Key == call.Key && c.At == a.ReceivedAt));

    /// <summary>An exposure's detail without its numbers and codes, so like details group together.</summary>
    private static string Why(string? detail)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(detail ?? "", @"\(.*?\)|[0-9]+(\.[0-9]+)?|:.*$", "#");
        return System.Text.RegularExpressions.Regex.Replace(text, @"#( #)*", "#").Trim();
    }

    /// <summary>Settled pairs whose hedge covers noticeably less than the positive's payout.</summary>
    public IReadOnlyList<PairView> UnderHedged { get; }

    public long Count(string section, string item) => Rows.Single(r => r.Section == section && r.Item == item).Count;

    public string ToTable(TimeSpan realDuration, DateTimeOffset start, DateTimeOffset virtualEnd)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Soak: seed {Seed}, real time {realDuration.TotalSeconds:0.0} s, virtual {start:HH:mm:ss} to {virtualEnd:HH:mm:ss} ({(virtualEnd - start).TotalMinutes:0} min)");
        foreach (var section in Rows.GroupBy(r => r.Section))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"| {section.Key} | count | how the executor handles it |");
            text.AppendLine("| --- | ---: | --- |");
            foreach (var row in section)
                text.AppendLine(CultureInfo.InvariantCulture, $"| {row.Item} | {row.Count} | {row.Handling} |");
        }
        return text.ToString();
    }

    public int Seed { get; init; }
}
