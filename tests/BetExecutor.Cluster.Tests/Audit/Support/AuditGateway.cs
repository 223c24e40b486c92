using System.Net;
using System.Text;

namespace BetExecutor.Cluster.Tests.Audit.Support;

/// <summary>
/// The only way signals enter the audit's cluster: the gateway's HTTP API with the cluster's key. A post that got no
/// decision (503, no answer) is sent again with the same signal id, as the gateway's contract tells a client to:
/// the retry's answer is a duplicate carrying the first decision.
/// </summary>
public sealed class AuditGateway(Uri baseAddress, string apiKey, Action<string> log) : IDisposable
{
    private const int Attempts = 4;
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>One POST, whatever it answers.</summary>
    public async Task<PostAnswer> PostOnceAsync(AuditSignal signal)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "signals")
        {
            Content = new StringContent(signal.Json(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", apiKey);
        try
        {
            using var response = await _http.SendAsync(request);
            return PostAnswer.Read((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new PostAnswer(0, e.Message, null, null, null, null, null, []);
        }
    }

    /// <summary>
    /// Posts until the cluster decides (200) or refuses the request (4xx). When only a retry was answered, the answer
    /// is a duplicate; it is returned with the first decision in its place, since that is the decision the signal got.
    /// </summary>
    public async Task<PostAnswer> SendAsync(AuditSignal signal)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await PostOnceAsync(signal);
            if (answer.Status is >= 200 and < 500)
                return attempt > 1 && answer.Decision == "duplicate" && answer.FirstDecision is { } first ? answer with { Decision = first } : answer;
            log($"POST {signal}: {answer} (attempt {attempt}); sent again with the same signal id");
            if (attempt == Attempts) return answer;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The signal's report; null while the gateway cannot say (404: not seen yet, 503, no answer).</summary>
    public async Task<SignalReport?> ReportAsync(AuditSignal signal)
    {
        var (status, body) = await GetAsync(signal);
        return status == HttpStatusCode.OK ? SignalReport.Read(body) : null;
    }

    /// <summary>The raw status of the signal's GET (404 means the identity never saw the signal id).</summary>
    public async Task<(HttpStatusCode Status, string Body)> GetAsync(AuditSignal signal)
    {
        var i = signal.Identity;
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"signals/{Uri.EscapeDataString(i.Provider)}/{Uri.EscapeDataString(i.Whitelabel)}/{Uri.EscapeDataString(i.Account)}/{Uri.EscapeDataString(signal.SignalId)}");
        request.Headers.Add("X-Api-Key", apiKey);
        try
        {
            using var response = await _http.SendAsync(request);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return ((HttpStatusCode)0, e.Message);
        }
    }

    public void Dispose() => _http.Dispose();
}
