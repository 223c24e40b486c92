using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venues.Contract;

/// <summary>
/// A venue as the executor sees it (docs/architecture.md §7). Every implementation maps every failure onto the three placement
/// outcomes: it never throws for a venue or transport problem, and it never reports Rejected unless the venue
/// definitely holds no bet for that client reference.
/// </summary>
public interface IVenueClient
{
    /// <summary>Places a bet with the leg's client reference as idempotency key: a repeat returns the bet already held.</summary>
    Task<PlacementResult> PlaceAsync(LegOrder request, CancellationToken cancellationToken = default);

    /// <summary>Looks a bet up by the client reference it was placed with.</summary>
    Task<LookupResult> FindByClientReferenceAsync(Identity account, ClientReference clientReference, CancellationToken cancellationToken = default);

    /// <summary>The settlement state of a bet the venue accepted.</summary>
    Task<SettlementResult> GetSettlementAsync(Identity account, string betId, CancellationToken cancellationToken = default);
}

/// <summary>Finds the client for an identity's venue. Positive and hedge legs usually live at different venues.</summary>
public interface IVenueDirectory
{
    IVenueClient For(Identity account);
}

/// <summary>A directory that sends every identity to one client (a simulator, or a single venue).</summary>
public sealed class SingleVenueDirectory(IVenueClient client) : IVenueDirectory
{
    public IVenueClient For(Identity account) => client;
}
