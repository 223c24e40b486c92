using BetExecutor.Cluster.Tests.Support;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Cluster.Tests.Audit.Support;

/// <summary>What the venue's book (<c>GET /bets</c>) says about one signal's legs, beside <see cref="VenueBook"/>'s counts.</summary>
public static class BookReading
{
    /// <summary>Lookups by client reference the venue answered for this leg (how an unknown placement is resolved).</summary>
    public static int Lookups(this VenueBook book, ClientReference reference) =>
        book.Body.References.Where(r => r.ClientReference == reference.Value).Sum(r => r.Lookups);

    /// <summary>Requests, attempts and held bets of both legs: equal before and after, nothing was placed in between.</summary>
    public static string Legs(this VenueBook book, AuditSignal signal) => string.Join("; ",
        new[] { signal.PositiveReference, signal.HedgeReference }.Select(r =>
            $"{r}: requests {book.Requests(r)} attempts {book.Attempts(r)} held {book.Bet(r)?.BetId ?? "-"}"));
}
