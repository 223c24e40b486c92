using System.Globalization;
using System.Text.Json;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Cluster.Tests.Support;

/// <summary>
/// A signal as a client sends it to the gateway (the scenario format's <c>signal</c> object), and the client
/// references its legs will carry at the venue, so a test can script the legs before it sends the signal.
/// </summary>
public sealed record TestSignal(string SignalId, Identity Identity)
{
    public static readonly Identity Hedger = Identity.Create("exchange", "main", "hedger-1");

    public ClientReference PositiveReference => ClientReference.For(Identity, SignalId, LegKind.Positive);

    public ClientReference HedgeReference => ClientReference.For(Identity, SignalId, LegKind.Hedge);

    /// <summary>
    /// The request body: an in-play signal on an event that started ten minutes ago, so the pair polls for settlement
    /// as soon as its hedge is confirmed (a pre-match pair waits for kick-off) and the venue's scripted settlement ends it.
    /// </summary>
    public string Json() => JsonSerializer.Serialize(new
    {
        signalId = SignalId,
        identity = Part(Identity),
        @event = new { id = $"event-{SignalId}", startsAt = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) },
        positive = new { market = "match-odds", selection = "home", odds = 2.10m, stake = 50.0m, currency = "EUR" },
        hedge = new { identity = Part(Hedger), market = "match-odds", selection = "not-home", odds = 2.05m, minOdds = 1.95m },
        inPlay = true,
    });

    private static object Part(Identity identity) => new { provider = identity.Provider, whitelabel = identity.Whitelabel, account = identity.Account };

    public override string ToString() => $"{Identity.Key}/{SignalId}";
}
