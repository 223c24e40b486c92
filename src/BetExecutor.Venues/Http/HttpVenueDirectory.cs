using BetExecutor.Venues.Contract;
using BetExecutor.Domain.Identities;

namespace BetExecutor.Venues.Http;

/// <summary>
/// Finds the HTTP venue of an identity by its provider. One <see cref="HttpVenueClient"/> (so one connection
/// pool and one circuit breaker) per distinct base address, shared by every provider mapped to it.
/// </summary>
public sealed class HttpVenueDirectory : IVenueDirectory, IDisposable
{
    private readonly Dictionary<string, HttpVenueClient> _byProvider = new(StringComparer.Ordinal);
    private readonly HttpVenueClient? _fallback;
    private readonly List<HttpVenueClient> _clients = [];

    /// <summary>Every identity to one venue (a simulator, or a single real venue).</summary>
    public HttpVenueDirectory(Uri baseAddress, HttpVenueClientOptions? options = null)
        : this(new Dictionary<string, Uri>(), options, baseAddress)
    {
    }

    /// <param name="baseAddressByProvider">The venue of each provider (identity parts are case-sensitive, so are these keys).</param>
    /// <param name="fallback">The venue of providers not in the map; without one they get a client that answers Unknown/Failed.</param>
    public HttpVenueDirectory(IReadOnlyDictionary<string, Uri> baseAddressByProvider, HttpVenueClientOptions? options = null, Uri? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(baseAddressByProvider);
        var byAddress = new Dictionary<Uri, HttpVenueClient>();
        HttpVenueClient ClientFor(Uri address)
        {
            var key = VenueRoutes.BaseAddress(address);
            if (!byAddress.TryGetValue(key, out var client))
            {
                // Each venue is named by its address in reasons, whatever VenueName the shared options carry.
                client = new HttpVenueClient(key, (options ?? new HttpVenueClientOptions()) with { VenueName = key.AbsoluteUri });
                byAddress[key] = client;
                _clients.Add(client);
            }
            return client;
        }

        foreach (var (provider, address) in baseAddressByProvider) _byProvider[provider] = ClientFor(address);
        if (fallback is not null) _fallback = ClientFor(fallback);
    }

    public IVenueClient For(Identity account)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (_byProvider.TryGetValue(account.Provider, out var client)) return client;
        return (IVenueClient?)_fallback
            ?? new UnconfiguredVenueClient($"no venue address configured for provider '{account.Provider}'");
    }

    public void Dispose()
    {
        foreach (var client in _clients) client.Dispose();
    }
}
