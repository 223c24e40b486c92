namespace BetExecutor.Venues.Http;

/// <summary>
/// Timeouts and resilience of an <see cref="HttpVenueClient"/>. Defaults suit a real venue; tests shorten the
/// timeouts. Placements are never retried by the client (see <see cref="HttpVenueClient"/>).
/// </summary>
public sealed record HttpVenueClientOptions
{
    /// <summary>Names the venue in Unknown/Failed reasons; the base address if not given.</summary>
    public string? VenueName { get; init; }

    /// <summary>How long a placement may take, body included. Past it the answer is Unknown: the bet may exist.</summary>
    public TimeSpan PlacementTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long one lookup or settlement attempt may take.</summary>
    public TimeSpan QueryAttemptTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Retries of a lookup or settlement query after a transient failure (the first attempt not counted).</summary>
    public int QueryRetries { get; init; } = 2;

    /// <summary>Wait before the first query retry; grows exponentially, with jitter.</summary>
    public TimeSpan QueryRetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The circuit opens when at least this share of calls in the sampling window failed...</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;

    /// <summary>...and at least this many calls were made in it (Polly's minimum is 2).</summary>
    public int BreakerMinimumThroughput { get; init; } = 10;

    public TimeSpan BreakerSamplingDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open circuit answers without sending before it lets one trial call through.</summary>
    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The clock timeouts, backoff and the breaker run on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The venue's published request rate (placements, lookups and settlement queries together), enforced on our
    /// side so the venue never has to refuse us; null = no local limit. A request over it is not sent.
    /// </summary>
    public int? MaxRequestsPerSecond { get; init; }
}
