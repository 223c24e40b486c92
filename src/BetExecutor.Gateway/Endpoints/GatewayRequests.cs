using System.Threading.RateLimiting;
using BetExecutor.Gateway.Configuration;
using BetExecutor.Gateway.Http;
using BetExecutor.Http;
using BetExecutor.Http.Security;
using Microsoft.AspNetCore.Http;
using Serilog;
using Serilog.Context;

namespace BetExecutor.Gateway.Endpoints;

/// <summary>
/// Every request: its route (404 / 405 as JSON), then for the signal routes the key (401, one body whatever the
/// reason) and the key's rate (429), then the endpoint. The key's name goes on every log line the request causes
/// (property <c>ApiKey</c>). Anything unexpected is logged and answered 500 in one line, never with a stack trace.
/// </summary>
internal sealed class GatewayRequests(
    GatewayOptions options, SignalEndpoints signals, HealthEndpoints health, ILogger logger) : IDisposable
{
    private const string KeyProperty = GatewayServer.KeyLogProperty;

    private readonly PartitionedRateLimiter<string> _rate = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.RateLimit.Burst,
            TokensPerPeriod = options.RateLimit.Requests,
            ReplenishmentPeriod = options.RateLimit.Per,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            await RouteAsync(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
        }
        catch (Exception e)
        {
            logger.Error(e, "Request {Method} {Path} failed unexpectedly", context.Request.Method, context.Request.Path.Value);
            if (context.Response.HasStarted)
            {
                context.Abort();
                return;
            }
            context.Response.Clear();
            await JsonAnswer.ErrorAsync(context, StatusCodes.Status500InternalServerError, "internal-error",
                "the gateway failed to handle the request; it is logged. A signal may be retried with the same signalId");
        }
    }

    private async Task RouteAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var parts = path.Split('/');
        switch (parts)
        {
            case ["", "health", "live"]:
                if (await AllowedAsync(context, HttpMethods.Get)) await HealthEndpoints.LiveAsync(context);
                return;
            case ["", "health", "ready"]:
                if (await AllowedAsync(context, HttpMethods.Get)) await health.ReadyAsync(context);
                return;
            case ["", "signals"]:
                if (await AllowedAsync(context, HttpMethods.Post))
                    await AuthenticatedAsync(context, (key, log) => signals.SubmitAsync(context, key, log));
                return;
            case ["", "signals", var provider, var whitelabel, var account, var signalId]:
                if (await AllowedAsync(context, HttpMethods.Get))
                    await AuthenticatedAsync(context, (_, log) => signals.StateAsync(context, provider, whitelabel, account, signalId, log));
                return;
            default:
                await JsonAnswer.ErrorAsync(context, StatusCodes.Status404NotFound, "not-found",
                    "no such path: POST /signals, GET /signals/{provider}/{whitelabel}/{account}/{signalId}, GET /health/live, GET /health/ready");
                return;
        }
    }

    private static async Task<bool> AllowedAsync(HttpContext context, string method)
    {
        if (context.Request.Method == method) return true;
        context.Response.Headers.Allow = method;
        await JsonAnswer.ErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "method-not-allowed", $"{context.Request.Path.Value} takes {method} only");
        return false;
    }

    private async Task AuthenticatedAsync(HttpContext context, Func<string, ILogger, Task> endpoint)
    {
        var name = PresentedKey.Authenticate(context.Request, options.Keys, out var refusal);
        if (name is null)
        {
            // Why is logged for the operator; the caller hears the same thing whatever it was.
            logger.Warning("Refused {Method} {Path} from {Remote}: API key {Refusal}",
                context.Request.Method, context.Request.Path.Value, context.Connection.RemoteIpAddress?.ToString(), refusal.ToString().ToLowerInvariant());
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await JsonAnswer.ErrorAsync(context, StatusCodes.Status401Unauthorized, "unauthorized",
                $"a valid API key is required: Authorization: Bearer <key> or {PresentedKey.ApiKeyHeader}: <key>");
            return;
        }
        var log = logger.ForContext(KeyProperty, name);
        using var _ = LogContext.PushProperty(KeyProperty, name);
        using var lease = _rate.AttemptAcquire(name);
        if (!lease.IsAcquired)
        {
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.RateLimit.Per;
            log.Warning("Refused {Method} {Path}: key {ApiKey} is over its rate", context.Request.Method, context.Request.Path.Value, name);
            await JsonAnswer.ErrorAsync(context, StatusCodes.Status429TooManyRequests, "rate-limited",
                $"over {options.RateLimit.Requests} requests per {options.RateLimit.Per.TotalSeconds:0.###}s (burst {options.RateLimit.Burst}) for this key; retry after the Retry-After seconds", wait);
            return;
        }
        await endpoint(name, log);
    }

    public void Dispose() => _rate.Dispose();
}
