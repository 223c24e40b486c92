using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace BetExecutor.Venues.Http;

/// <summary>
/// The Polly v8 pipelines of one venue. Placements: circuit breaker, then a timeout; no retry, because a request
/// that timed out may have placed the bet, and only a lookup by client reference can tell. Lookups and settlement
/// queries read and change nothing, so they are retried with backoff. Both share one breaker: a venue that is down
/// is down for both, and an open circuit means requests are not sent at all.
/// </summary>
internal sealed class VenuePipelines
{
    private readonly CircuitBreakerStateProvider _circuit = new();

    public VenuePipelines(HttpVenueClientOptions options)
    {
        var limiter = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.Time };
        if (options.MaxRequestsPerSecond is { } perSecond)
        {
            // One bucket for everything sent to this venue; no queue: a request waiting for a token goes stale.
            limiter.AddRateLimiter(new System.Threading.RateLimiting.TokenBucketRateLimiter(new System.Threading.RateLimiting.TokenBucketRateLimiterOptions
            {
                TokenLimit = perSecond,
                TokensPerPeriod = perSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
        }
        var rateLimit = limiter.Build();
        var breaker = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.Time }
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = options.BreakerFailureRatio,
                MinimumThroughput = options.BreakerMinimumThroughput,
                SamplingDuration = options.BreakerSamplingDuration,
                BreakDuration = options.BreakerBreakDuration,
                StateProvider = _circuit,
                ShouldHandle = args => ValueTask.FromResult(SaysVenueIsFailing(args.Outcome)),
            })
            .Build();

        Placement = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.Time }
            .AddPipeline(rateLimit)
            .AddPipeline(breaker)
            .AddTimeout(options.PlacementTimeout) // inside the breaker, so timeouts count against the venue
            .Build();

        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.QueryRetries,
            Delay = options.QueryRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            // A venue's Retry-After can ask for minutes; the executor schedules its own next lookup instead.
            ShouldRetryAfterHeader = false,
            // Transient: 5xx, 408, 429, transport errors, attempt timeouts. Not an open circuit: retrying it is pointless.
            ShouldHandle = args => ValueTask.FromResult(HttpClientResiliencePredicates.IsTransient(args.Outcome)),
        };
        Query = options.QueryRetries == 0
            ? new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.Time }
                .AddPipeline(rateLimit).AddPipeline(breaker).AddTimeout(options.QueryAttemptTimeout).Build()
            : new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = options.Time }
                .AddRetry(retry).AddPipeline(rateLimit).AddPipeline(breaker).AddTimeout(options.QueryAttemptTimeout).Build();
    }

    public ResiliencePipeline<HttpResponseMessage> Placement { get; }

    public ResiliencePipeline<HttpResponseMessage> Query { get; }

    public CircuitState Circuit => _circuit.CircuitState;

    /// <summary>
    /// What counts against the venue's health: no answer (transport error, timeout) or a server error. A 429 does
    /// not: it is the venue answering, and an open circuit would turn its definite "no" into an Unknown.
    /// </summary>
    private static bool SaysVenueIsFailing(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Exception: HttpRequestException or TimeoutRejectedException } => true,
        { Result: { } response } => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout,
        _ => false,
    };
}
