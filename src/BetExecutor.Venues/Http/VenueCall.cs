using System.Net;
using System.Text.Json;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace BetExecutor.Venues.Http;

/// <summary>What one call to the venue came to: an HTTP answer (status and body), or no answer at all.</summary>
internal abstract record VenueReply
{
    private VenueReply() { }

    public sealed record Answered(HttpStatusCode Status, string Body) : VenueReply
    {
        public T? Read<T>() where T : class
        {
            try
            {
                return Body.Length == 0 ? null : JsonSerializer.Deserialize<T>(Body, VenueWire.Json);
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }

    /// <summary>No HTTP answer, and the request may have reached the venue.</summary>
    public sealed record NoAnswer(string Reason) : VenueReply;

    /// <summary>
    /// The request provably never left (local rate limit, open circuit, no connection could be made): the venue
    /// cannot hold a bet from it, so a placement is a transient rejection, not an unknown.
    /// </summary>
    public sealed record NotSent(string Code, string Reason) : VenueReply;
}

/// <summary>Runs one request through a pipeline and turns every transport and resilience failure into a <see cref="VenueReply.NoAnswer"/>.</summary>
internal static class VenueCall
{
    /// <param name="newRequest">A fresh request per attempt: an <see cref="HttpRequestMessage"/> cannot be sent twice.</param>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellationToken"/> was cancelled by the caller.</exception>
    public static async Task<VenueReply> SendAsync(
        HttpClient http,
        ResiliencePipeline<HttpResponseMessage> pipeline,
        Func<HttpRequestMessage> newRequest,
        string venue,
        CancellationToken cancellationToken)
    {
        try
        {
            using var response = await pipeline.ExecuteAsync(
                async token =>
                {
                    using var request = newRequest();
                    var answer = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                    // Read the body inside the attempt, so the attempt timeout covers a venue that stalls mid-body.
                    await answer.Content.LoadIntoBufferAsync(token).ConfigureAwait(false);
                    return answer;
                },
                cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None).ConfigureAwait(false);
            return new VenueReply.Answered(response.StatusCode, body);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // the caller gave up; that is not a venue problem to report
        }
        catch (BrokenCircuitException)
        {
            return new VenueReply.NotSent(Contract.RejectionCodes.VenueUnavailable, $"circuit open for {venue}: too many recent failures, request not sent");
        }
        catch (Polly.RateLimiting.RateLimiterRejectedException)
        {
            return new VenueReply.NotSent(Contract.RejectionCodes.RateLimited, $"{venue}'s request rate limit reached on our side, request not sent");
        }
        catch (TimeoutRejectedException ex)
        {
            return new VenueReply.NoAnswer($"timeout: no answer from {venue} within {ex.Timeout.TotalMilliseconds:0} ms");
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError)
        {
            // No connection was established, so not a byte of the request was written.
            return new VenueReply.NotSent(Contract.RejectionCodes.VenueUnavailable, $"connection to {venue} failed, request not delivered: {ex.Message}");
        }
        catch (HttpRequestException ex)
        {
            return new VenueReply.NoAnswer($"transport error talking to {venue} ({ex.HttpRequestError}): {ex.Message}");
        }
        catch (Exception ex)
        {
            // Anything else from the network stack (a cancelled socket, a disposed handler) still says nothing
            // about the bet. The contract is to answer, never to throw, for venue and transport problems.
            return new VenueReply.NoAnswer($"call to {venue} failed ({ex.GetType().Name}): {ex.Message}");
        }
    }
}
