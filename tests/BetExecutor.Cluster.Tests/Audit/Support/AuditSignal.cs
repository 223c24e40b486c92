using System.Globalization;
using System.Text.Json;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Cluster.Tests.Audit.Support;

/// <summary>
/// A signal as a client posts it to the gateway (the scenario format's <c>signal</c> object), with the client
/// references its legs carry at the venue, so a check scripts the venue before it sends. Amounts default to the
/// in-process audit's (stake 50 at 2.10, hedge at 2.05, floor 1.95).
/// </summary>
/// <remarks>
/// The signals are in-play on an event that started ten minutes ago: a pre-match pair polls settlement only from
/// kick-off, which would put every settlement an hour away; in play it polls from the hedge on.
/// </remarks>
public sealed record AuditSignal(string SignalId, Identity Identity, decimal Stake = 50m, decimal Odds = 2.10m,
    decimal HedgeOdds = 2.05m, decimal MinOdds = 1.95m)
{
    public static readonly Identity Hedger = Identity.Create("exchange", "main", "audit-hedger");

    public static Identity Account(string account, string whitelabel = "brand1", string provider = "bookie") =>
        Identity.Create(provider, whitelabel, account);

    public ClientReference PositiveReference => ClientReference.For(Identity, SignalId, LegKind.Positive);

    public ClientReference HedgeReference => ClientReference.For(Identity, SignalId, LegKind.Hedge);

    public string Json() => JsonSerializer.Serialize(new
    {
        signalId = SignalId,
        identity = Part(Identity),
        @event = new { id = $"event-{SignalId}", startsAt = Instant(DateTimeOffset.UtcNow.AddMinutes(-10)) },
        positive = new { market = "match-odds", selection = "home", odds = Odds, stake = Stake, currency = "EUR" },
        hedge = new { identity = Part(Hedger), market = "match-odds", selection = "not-home", odds = HedgeOdds, minOdds = MinOdds },
        inPlay = true,
    });

    private static string Instant(DateTimeOffset at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static object Part(Identity identity) => new { provider = identity.Provider, whitelabel = identity.Whitelabel, account = identity.Account };

    public override string ToString() => $"{Identity.Key}/{SignalId}";
}
