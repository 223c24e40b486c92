using System.Net.Http.Json;
using BetExecutor.Venues.Scripts;
using BetExecutor.Domain.Legs;

namespace BetExecutor.Venues.Http;

/// <summary><c>POST /control/runs</c>'s answer: the run's id and the path of its venue, relative to the simulator's base address.</summary>
public sealed record RunBody(string? RunId, string? Path);

/// <summary>A control API request the simulator refused or could not be reached for. Control is set-up: it fails loudly.</summary>
public sealed class VenueControlException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Client of the HTTP venue simulator's control API, for the scenario runner and tests: scripts legs, drives the
/// venue's clock, reads the book. Unlike <see cref="HttpVenueClient"/> it throws (<see cref="VenueControlException"/>):
/// a scenario whose set-up did not reach the venue must stop, not run on with wrong scripts.
/// </summary>
public sealed class HttpVenueControl : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    public HttpVenueControl(Uri baseAddress, TimeSpan? timeout = null)
        : this(new HttpClient { BaseAddress = VenueRoutes.BaseAddress(baseAddress), Timeout = timeout ?? TimeSpan.FromSeconds(10) }, ownsHttp: true)
    {
    }

    /// <summary>On a caller's client (BaseAddress set; the caller disposes it).</summary>
    public HttpVenueControl(HttpClient http) : this(http, ownsHttp: false)
    {
    }

    private HttpVenueControl(HttpClient http, bool ownsHttp)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null) throw new ArgumentException("the HttpClient needs a BaseAddress (the simulator's)", nameof(http));
        _http = http;
        _ownsHttp = ownsHttp;
    }

    /// <summary>Scripts every attempt with this client reference; for a bet already held, also how it settles and when it shows.</summary>
    public Task ScriptAsync(ClientReference clientReference, LegScript script, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientReference);
        ArgumentNullException.ThrowIfNull(script);
        return PostAsync(VenueRoutes.ControlScripts, ScriptWire.ToBody(clientReference, script), cancellationToken);
    }

    /// <summary>Sets the venue's clock (visibility and settlement follow it) and keeps it there until the next call. It never goes back.</summary>
    public Task SetClockAsync(DateTimeOffset now, CancellationToken cancellationToken = default) =>
        PostAsync(VenueRoutes.ControlClock, new ClockBody(now), cancellationToken);

    /// <summary>
    /// Starts a run with a venue of its own on the simulator (empty book, its own clock) and returns its base address:
    /// give that to a control client and to the venue directory of the run.
    /// </summary>
    public async Task<Uri> StartRunAsync(CancellationToken cancellationToken = default)
    {
        var path = VenueRoutes.ControlRuns;
        using var response = await SendAsync(() => _http.PostAsJsonAsync(path, new { }, VenueWire.Json, cancellationToken), path, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, path, cancellationToken).ConfigureAwait(false);
        var run = await response.Content.ReadFromJsonAsync<RunBody>(VenueWire.Json, cancellationToken).ConfigureAwait(false);
        if (run?.Path is not { Length: > 0 } runPath) throw new VenueControlException($"{path}: the simulator's answer names no run");
        return new Uri(_http.BaseAddress!, runPath);
    }

    public Task<ClockBody> GetClockAsync(CancellationToken cancellationToken = default) =>
        GetAsync<ClockBody>(VenueRoutes.ControlClock, cancellationToken);

    /// <summary>Ground truth: every bet held and, per client reference, requests received and attempts processed.</summary>
    public Task<BookBody> GetBookAsync(CancellationToken cancellationToken = default) =>
        GetAsync<BookBody>(VenueRoutes.Bets, cancellationToken);

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private async Task PostAsync<T>(string path, T body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => _http.PostAsJsonAsync(path, body, VenueWire.Json, cancellationToken), path, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, path, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(() => _http.GetAsync(path, cancellationToken), path, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, path, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(VenueWire.Json, cancellationToken).ConfigureAwait(false)
            ?? throw new VenueControlException($"{path}: the simulator sent an empty answer");
    }

    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new VenueControlException($"{path}: the simulator could not be reached: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new VenueControlException($"{path}: the simulator did not answer in time", ex);
        }
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        throw new VenueControlException($"{path}: the simulator answered {(int)response.StatusCode}: {body}");
    }
}
