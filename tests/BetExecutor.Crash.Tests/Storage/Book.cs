using BetExecutor.Actors.Accounts;
using BetExecutor.Crash.Tests.Support;
using BetExecutor.Venue.Simulator;

namespace BetExecutor.Crash.Tests.Storage;

/// <summary>The rules every storage-fault test judges by, read from the venue simulator's book (the ground truth).</summary>
public static class Book
{
    public static List<string> Violations(VenueSimulatorServer venue, IEnumerable<SentSignal> sent, IReadOnlyList<AccountStatus> statuses, TimeSpan cooldown)
    {
        var book = venue.Simulator.Book();
        var attempts = venue.Simulator.AllAttempts();
        var violations = new List<string>();
        bool Holds(string reference) => book.Any(b => b.ClientReference.Value == reference);

        foreach (var leg in book.GroupBy(b => b.ClientReference.Value).Where(g => g.Count() > 1))
            violations.Add($"leg {leg.Key} holds {leg.Count()} bets");
        foreach (var hedge in attempts.Where(a => a.Request.ClientReference.Value.EndsWith("-h", StringComparison.Ordinal)))
        {
            var positive = hedge.Request.ClientReference.Value[..^2] + "-p";
            if (!Holds(positive)) violations.Add($"hedge {hedge.Request.ClientReference} was sent though the venue holds no positive {positive}");
        }
        foreach (var account in attempts.Where(a => a.Request.ClientReference.Value.EndsWith("-p", StringComparison.Ordinal)).GroupBy(a => a.Request.Account))
        {
            var times = account.OrderBy(a => a.ReceivedAt).ToArray();
            for (var i = 1; i < times.Length; i++)
                if (times[i].ReceivedAt - times[i - 1].ReceivedAt < cooldown - TimeSpan.FromSeconds(1))
                    violations.Add($"{account.Key}: positives {times[i - 1].Request.ClientReference} and {times[i].Request.ClientReference} reached the venue {(times[i].ReceivedAt - times[i - 1].ReceivedAt).TotalSeconds:0.0} s apart, inside the cooldown");
        }
        var exposures = statuses.SelectMany(s => s.Exposures).Select(x => (x.IdentityKey, x.PairId)).ToHashSet();
        foreach (var signal in sent)
        {
            var s = signal.Signal;
            var positive = StorageRig.PositiveRef(s).Value;
            var hedge = StorageRig.HedgeRef(s).Value;
            var placed = attempts.Any(a => a.Request.ClientReference.Value == positive || a.Request.ClientReference.Value == hedge);
            if (signal.Answers.Count == 0) violations.Add($"{s.SignalId}: never answered");
            else if (placed && signal.Answers[0].Kind is not (SignalAnswerKind.Executed or SignalAnswerKind.Unknown))
                violations.Add($"{s.SignalId}: first answered {signal.Answers[0].Kind} {signal.Answers[0].Reason} ({signal.Answers[0].Detail}) yet the venue received a leg");
            if (signal.Answers.FirstOrDefault(a => a.Kind == SignalAnswerKind.Executed) is not null && !placed && !exposures.Contains((s.Identity.Key, s.SignalId)))
                violations.Add($"{s.SignalId}: answered executed but the venue never saw its positive and no exposure stands for it");
            if (Holds(positive) && !Holds(hedge) && !exposures.Contains((s.Identity.Key, s.SignalId)))
                violations.Add($"{s.SignalId}: the venue holds the positive but no hedge, and no exposure is open");
        }
        return violations;
    }

    public static string Describe(IEnumerable<SentSignal> sent) => string.Join(Environment.NewLine, sent.Select(s =>
        $"{s.Signal.SignalId}: {string.Join(" | ", s.Answers.Select(a => $"{a.Kind} {a.Reason} {a.Detail}"))}"));
}
