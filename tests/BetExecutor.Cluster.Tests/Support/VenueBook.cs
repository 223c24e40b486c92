using BetExecutor.Domain.Legs;
using BetExecutor.Venues.Http;

namespace BetExecutor.Cluster.Tests.Support;

/// <summary>
/// The venue simulator's book (<c>GET /bets</c>) at one moment: the ground truth every cluster test judges by.
/// The executor's own state is never counted.
/// </summary>
public sealed class VenueBook(BookBody body)
{
    public BookBody Body { get; } = body;

    public HeldBetBody? Bet(ClientReference reference) => Body.Bets.SingleOrDefault(b => b.ClientReference == reference.Value);

    public bool Holds(ClientReference reference) => Body.Bets.Any(b => b.ClientReference == reference.Value);

    /// <summary>Placement requests that reached the venue for this reference (the first may still be held unanswered).</summary>
    public int Requests(ClientReference reference) => Body.References.Where(r => r.ClientReference == reference.Value).Sum(r => r.Requests);

    /// <summary>Placements the venue processed for this reference: a leg sent twice counts 2, though it holds one bet.</summary>
    public int Attempts(ClientReference reference) => Body.References.Where(r => r.ClientReference == reference.Value).Sum(r => r.Attempts);

    /// <summary>Positives held for an identity (its account at the venue).</summary>
    public IReadOnlyList<HeldBetBody> Positives(string identityKey) =>
        Body.Bets.Where(b => Key(b.Account) == identityKey && b.ClientReference.EndsWith("-p", StringComparison.Ordinal)).ToList();

    /// <summary>Every (account, reference) with its request and attempt counts: equal fingerprints, nothing placed in between.</summary>
    public string Fingerprint() => string.Join("\n", Body.References
        .Select(r => $"{Key(r.Account)} {r.ClientReference} requests {r.Requests} attempts {r.Attempts}")
        .Concat(Body.Bets.Select(b => $"{Key(b.Account)} {b.ClientReference} held {b.BetId}")).Order(StringComparer.Ordinal));

    /// <summary>
    /// The rules that hold whatever happened to the nodes (tests script no rejection, so any leg placed more than once
    /// is a double placement): every leg placed at most once; no hedge unless its positive is held; per identity, the
    /// pairs' placement intervals (positive taken → hedge taken) never overlap.
    /// </summary>
    public List<string> Violations()
    {
        var violations = new List<string>();
        foreach (var leg in Body.References.Where(r => r.Attempts > 1))
            violations.Add($"leg {leg.ClientReference} of {Key(leg.Account)} placed {leg.Attempts} times");
        foreach (var hedge in Body.References.Where(r => r.ClientReference.EndsWith("-h", StringComparison.Ordinal) && r.Requests > 0))
        {
            var positive = hedge.ClientReference[..^2] + "-p";
            if (!Body.Bets.Any(b => b.ClientReference == positive))
                violations.Add($"hedge {hedge.ClientReference} was sent though the venue holds no positive {positive}");
        }
        var hedges = Body.Bets.Where(b => b.ClientReference.EndsWith("-h", StringComparison.Ordinal)).ToDictionary(b => b.ClientReference[..^2]);
        foreach (var identity in Body.Bets.Where(b => b.ClientReference.EndsWith("-p", StringComparison.Ordinal)).GroupBy(b => Key(b.Account)))
        {
            var pairs = identity
                .Select(p => (p.ClientReference, From: p.PlacedAt, To: hedges.TryGetValue(p.ClientReference[..^2], out var h) ? h.PlacedAt : DateTimeOffset.MaxValue))
                .OrderBy(p => p.From).ToList();
            for (var i = 1; i < pairs.Count; i++)
                if (pairs[i].From < pairs[i - 1].To)
                    violations.Add($"{identity.Key}: pair {pairs[i].ClientReference} placed its positive at {pairs[i].From:HH:mm:ss.fff} while pair {pairs[i - 1].ClientReference} (positive {pairs[i - 1].From:HH:mm:ss.fff}) had no hedge yet{(pairs[i - 1].To == DateTimeOffset.MaxValue ? " (never hedged)" : $" (hedged {pairs[i - 1].To:HH:mm:ss.fff})")}");
        }
        return violations;
    }

    public static string Key(AccountBody account) => $"{account.Provider}/{account.Whitelabel}/{account.Account}";
}
