using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;

namespace BetExecutor.Telemetry;

/// <summary>
/// Exports the "BetExecutor" meter (every instance in the process: the node's <see cref="ExecutorMetrics"/>, the
/// Redis journal's and lease's instruments) in Prometheus text format at <c>GET /metrics</c>. No token: the page
/// holds counts by stable codes, no identity and no secret.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>Registers the OpenTelemetry meter provider and its Prometheus exporter on the web app's services.</summary>
    public static IServiceCollection AddBetExecutorMetrics(this IServiceCollection services)
    {
        Persistence.Redis.Journal.JournalMetrics.Declare();
        Coordination.Redis.LeaseMetrics.Declare();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(ExecutorMetrics.MeterName)
            // Every scrape is computed afresh: an operator (or a test) reading right after a run sees that run.
            .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        return services;
    }

    /// <summary>Serves <c>GET /metrics</c>; needs <see cref="AddBetExecutorMetrics"/> on the same app's services.</summary>
    public static IEndpointRouteBuilder MapBetExecutorMetrics(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPrometheusScrapingEndpoint(Path);
        return endpoints;
    }
}
