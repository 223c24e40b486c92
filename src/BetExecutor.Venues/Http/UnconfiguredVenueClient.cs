using BetExecutor.Venues.Contract;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venues.Http;

/// <summary>
/// The answer for an identity whose venue has no address configured. It sends nothing and answers Unknown/Failed
/// with the reason, rather than throwing inside the executor: a pair that got as far as a placement then raises an
/// exposure an operator can read, instead of an actor that crashes and retries forever.
/// </summary>
internal sealed class UnconfiguredVenueClient(string reason) : IVenueClient
{
    public Task<PlacementResult> PlaceAsync(LegOrder request, CancellationToken cancellationToken = default) =>
        Task.FromResult<PlacementResult>(new PlacementResult.Unknown(reason));

    public Task<LookupResult> FindByClientReferenceAsync(Identity account, ClientReference clientReference, CancellationToken cancellationToken = default) =>
        Task.FromResult<LookupResult>(new LookupResult.Failed(reason));

    public Task<SettlementResult> GetSettlementAsync(Identity account, string betId, CancellationToken cancellationToken = default) =>
        Task.FromResult<SettlementResult>(new SettlementResult.Failed(reason));
}
