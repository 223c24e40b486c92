using System.Net;
using BetExecutor.Http.Security;

namespace BetExecutor.Admin.Configuration;

/// <summary>
/// Everything under <c>bet-executor.admin</c>, typed and range-checked (reference.conf says what each means). Built by
/// <see cref="AdminConfiguration.Read"/>, so its defaults are always the reference file's.
/// </summary>
/// <param name="Listen">Where the admin API listens; port 0 picks a free port (<see cref="AdminServer.Address"/> reports it).</param>
/// <param name="AnswerTimeout">How long one call waits for the cluster before 503.</param>
/// <param name="MaxBody">Longest request body read, in bytes.</param>
/// <param name="Tokens">Who may operate; with none the node does not start the admin API.</param>
public sealed record AdminOptions(IPEndPoint Listen, TimeSpan AnswerTimeout, long MaxBody, ApiKeyRing Tokens);
