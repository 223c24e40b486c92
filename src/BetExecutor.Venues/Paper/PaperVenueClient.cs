using System.Collections.Concurrent;
using System.Globalization;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Simulator;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venues.Paper;

/// <summary>
/// The dry-run venue (docs/architecture.md §4). It NEVER talks to a network, a file or any other process: it has no HTTP client,
/// no credentials and no I/O, only a dictionary in this process. Every placement is accepted at the asked stake and
/// odds and every paper bet settles Void, so a dry-run pair moves no money and both legs void is balanced.
/// </summary>
/// <remarks>
/// Paper bets live in this process's memory. A pair that recovers on another node after a crash finds no paper bet
/// by reference (the executor then treats it as any bet that never showed up); its settlement still reads Void,
/// because a <c>paper-</c> bet id can only ever be a paper bet.
/// </remarks>
public sealed class PaperVenueClient : IVenueClient
{
    public const string BetIdPrefix = "paper-";

    private readonly ConcurrentDictionary<(Identity Account, ClientReference Reference), AcceptedBet> _bets = new();

    /// <summary>Accepts at the asked stake and odds; a repeat of a reference already held answers with that bet.</summary>
    public Task<PlacementResult> PlaceAsync(LegOrder request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<PlacementResult>(cancellationToken);
        var bet = _bets.GetOrAdd(
            (request.Account, request.ClientReference),
            static (key, asked) => new AcceptedBet(BetIdFor(key.Account, key.Reference), asked.Stake, asked.Odds),
            request);
        return Task.FromResult<PlacementResult>(new PlacementResult.Accepted(bet));
    }

    /// <summary>Paper bets show at once: there is no venue back end for them to propagate through.</summary>
    public Task<LookupResult> FindByClientReferenceAsync(Identity account, ClientReference clientReference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(clientReference);
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<LookupResult>(cancellationToken);
        LookupResult result = _bets.TryGetValue((account, clientReference), out var bet)
            ? new LookupResult.Found(bet)
            : new LookupResult.NotFound();
        return Task.FromResult(result);
    }

    /// <summary>Void for every paper bet; Pending for an id that is not a paper bet id (no record is never lost).</summary>
    public Task<SettlementResult> GetSettlementAsync(Identity account, string betId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(betId);
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<SettlementResult>(cancellationToken);
        var state = betId.StartsWith(BetIdPrefix, StringComparison.Ordinal) ? SettlementState.Void : SettlementState.Pending;
        return Task.FromResult<SettlementResult>(new SettlementResult.Known(state));
    }

    /// <summary>
    /// Derived from the account and reference rather than counted, so the same leg gets the same paper bet id on
    /// every node and every run; two legs could share one only through a 64-bit hash collision.
    /// </summary>
    private static string BetIdFor(Identity account, ClientReference reference) =>
        BetIdPrefix + StableSeed.Hash(account.Key, reference.Value).ToString("x16", CultureInfo.InvariantCulture);
}
