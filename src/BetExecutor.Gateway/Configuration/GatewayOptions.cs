using System.Net;
using BetExecutor.Http.Security;

namespace BetExecutor.Gateway.Configuration;

/// <summary>
/// Everything under <c>bet-executor.gateway</c>, typed and range-checked (reference.conf says what each means).
/// Built by <see cref="GatewayConfiguration.Read"/>, so its defaults are always the reference file's.
/// </summary>
/// <param name="Listen">Where the HTTP server listens; port 0 picks a free port (<see cref="GatewayServer.Address"/> reports it).</param>
/// <param name="MaxBody">Longest request body read, in bytes.</param>
/// <param name="AnswerTimeout">How long POST /signals waits for the account's decision.</param>
/// <param name="RetryAfter">Sent with every 503.</param>
/// <param name="Keys">Who may send; the server refuses to start without one.</param>
public sealed record GatewayOptions(
    IPEndPoint Listen,
    long MaxBody,
    TimeSpan AnswerTimeout,
    TimeSpan RetryAfter,
    GatewayRateLimit RateLimit,
    ApiKeyRing Keys);

/// <summary>A token bucket per API key: <paramref name="Burst"/> requests at once, refilled by <paramref name="Requests"/> every <paramref name="Per"/>.</summary>
public sealed record GatewayRateLimit(int Requests, TimeSpan Per, int Burst);
