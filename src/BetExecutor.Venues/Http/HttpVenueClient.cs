using System.Net.Http.Json;
using BetExecutor.Venues.Contract;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using Polly.CircuitBreaker;

namespace BetExecutor.Venues.Http;

/// <summary>
/// A venue over HTTP (the API in src/BetExecutor.Venue.Simulator/README.md). Every venue or transport failure is
/// answered, never thrown: placements come back Accepted, Rejected or Unknown, lookups and settlement queries
/// Found/NotFound/Known or Failed. Only the caller's own cancellation throws.
/// </summary>
/// <remarks>
/// Placements are sent once. Re-sending with the same client reference would be safe at an idempotent venue, but
/// after a timeout the first request may still be in flight, and the executor already reconciles every Unknown by
/// lookup (docs/architecture.md §3); a second path that re-sends would only add a way to get it wrong. Lookups and settlement
/// queries are retried with backoff. One circuit breaker per client, i.e. per venue.
/// </remarks>
public sealed class HttpVenueClient : IVenueClient, IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly VenuePipelines _pipelines;

    /// <summary>A client with its own connection pool to <paramref name="baseAddress"/>.</summary>
    public HttpVenueClient(Uri baseAddress, HttpVenueClientOptions? options = null)
        : this(CreateHttpClient(baseAddress, options ?? new HttpVenueClientOptions()), options, ownsHttp: true)
    {
    }

    /// <summary>A client on a caller's <see cref="HttpClient"/> (its BaseAddress must be set; the caller disposes it). Its Timeout is not used: the options' timeouts are.</summary>
    public HttpVenueClient(HttpClient http, HttpVenueClientOptions? options = null)
        : this(http, options, ownsHttp: false)
    {
    }

    private HttpVenueClient(HttpClient http, HttpVenueClientOptions? options, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null) throw new ArgumentException("the HttpClient needs a BaseAddress (the venue's)", nameof(http));
        options ??= new HttpVenueClientOptions();
        _http = http;
        _ownsHttp = ownsHttp;
        _pipelines = new VenuePipelines(options);
        VenueName = options.VenueName ?? http.BaseAddress.GetLeftPart(UriPartial.Authority);
    }

    public string VenueName { get; }

    /// <summary>The breaker's state: Closed (calls go out), Open (answered at once without sending), HalfOpen (one trial call).</summary>
    public CircuitState Circuit => _pipelines.Circuit;

    public async Task<PlacementResult> PlaceAsync(LegOrder request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new PlaceBetBody(
            new AccountBody(request.Account.Provider, request.Account.Whitelabel, request.Account.Account),
            request.ClientReference.Value, request.EventId, request.Market, request.Selection,
            request.Odds, request.Stake, request.Currency);
        var reply = await VenueCall.SendAsync(
            _http, _pipelines.Placement,
            () => new HttpRequestMessage(HttpMethod.Post, VenueRoutes.Bets) { Content = JsonContent.Create(body, options: VenueWire.Json) },
            VenueName, cancellationToken).ConfigureAwait(false);
        return VenueAnswers.Placement(reply, request.ClientReference);
    }

    public async Task<LookupResult> FindByClientReferenceAsync(Identity account, ClientReference clientReference, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(clientReference);
        var path = VenueRoutes.ByReference(account, clientReference);
        var reply = await VenueCall.SendAsync(
            _http, _pipelines.Query, () => new HttpRequestMessage(HttpMethod.Get, path), VenueName, cancellationToken).ConfigureAwait(false);
        return VenueAnswers.Lookup(reply, clientReference);
    }

    public async Task<SettlementResult> GetSettlementAsync(Identity account, string betId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(betId);
        var path = VenueRoutes.Settlement(account, betId);
        var reply = await VenueCall.SendAsync(
            _http, _pipelines.Query, () => new HttpRequestMessage(HttpMethod.Get, path), VenueName, cancellationToken).ConfigureAwait(false);
        return VenueAnswers.Settlement(reply, betId);
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private static HttpClient CreateHttpClient(Uri baseAddress, HttpVenueClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var handler = new SocketsHttpHandler
        {
            // A connect that cannot finish within the shorter timeout would be cut by the pipeline anyway.
            ConnectTimeout = options.PlacementTimeout < options.QueryAttemptTimeout ? options.PlacementTimeout : options.QueryAttemptTimeout,
            // Pick up DNS changes of a real venue now and then.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        return new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = VenueRoutes.BaseAddress(baseAddress),
            Timeout = Timeout.InfiniteTimeSpan, // the pipelines' timeouts govern; two timers would race
        };
    }
}
