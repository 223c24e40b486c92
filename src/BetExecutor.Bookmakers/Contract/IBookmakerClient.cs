using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Bookmakers.Contract;

/// <summary>
/// A venue as the executor sees it (DESIGN §7). Every implementation maps every failure onto the three placement
/// outcomes: it never throws for a venue or transport problem, and it never reports Rejected unless the venue
/// definitely holds no bet for that client reference.
/// </summary>
public interface IBookmakerClient
{
    /// <summary>Places a bet with the leg's client reference as idempotency key: a repeat returns the bet already held.</summary>
    Task<PlacementResult> PlaceAsync(PlaceBetRequest request, CancellationToken cancellationToken = default);

    /// <summary>Looks a bet up by the client reference it was placed with.</summary>
    Task<LookupResult> FindByClientReferenceAsync(Identity account, ClientReference clientReference, CancellationToken cancellationToken = default);

    /// <summary>The settlement state of a bet the venue accepted.</summary>
    Task<SettlementResult> GetSettlementAsync(Identity account, string betId, CancellationToken cancellationToken = default);
}

/// <summary>One placement request. Stake and odds are what is asked; the venue may accept for less or at other odds.</summary>
public sealed record PlaceBetRequest(
    Identity Account,
    ClientReference ClientReference,
    string EventId,
    string Market,
    string Selection,
    decimal Odds,
    decimal Stake,
    string Currency);

/// <summary>Finds the client for an identity's venue. Positive and hedge legs usually live at different venues.</summary>
public interface IBookmakerDirectory
{
    IBookmakerClient For(Identity account);
}

/// <summary>A directory that sends every identity to one client (a simulator, or a single venue).</summary>
public sealed class SingleVenueDirectory(IBookmakerClient client) : IBookmakerDirectory
{
    public IBookmakerClient For(Identity account) => client;
}
