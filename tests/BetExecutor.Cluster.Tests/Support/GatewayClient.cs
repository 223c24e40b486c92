using System.Net;
using System.Text;
using System.Text.Json;

namespace BetExecutor.Cluster.Tests.Support;

/// <summary>
/// What <c>POST /signals</c> answered: the HTTP status and, on 200, the decision. Status 0: no answer at all
/// (connection refused or reset, or the client's timeout), which the client treats like a 503: ask again.
/// </summary>
public sealed record GatewayAnswer(int Status, string? Decision, string? Reason, string Body)
{
    public bool Answered => Status == 200;

    public override string ToString() => Answered ? $"200 {Decision} {Reason}" : $"{Status} {Body}";
}

/// <summary><c>GET /signals/…</c>: the decision and the pair's state (null when no pair ran).</summary>
public sealed record SignalState(string Decision, string? Reason, string? PairState, string? Outcome, string? ExposureReason)
{
    /// <summary>The pair is over (or never ran): nothing more will be placed for it.</summary>
    public bool Final => PairState is not "in-flight";

    public override string ToString() => $"{Decision} {Reason} pair {PairState ?? "-"} {Outcome} {ExposureReason}".Replace("  ", " ").TrimEnd();
}

/// <summary>A client of one gateway node's HTTP API, with the cluster's API key.</summary>
public sealed class GatewayClient(string name, Uri baseAddress, string apiKey) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public string Name { get; } = name;

    public async Task<GatewayAnswer> PostAsync(TestSignal signal)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "signals")
        {
            Content = new StringContent(signal.Json(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Api-Key", apiKey);
        try
        {
            using var response = await _http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK) return new GatewayAnswer((int)response.StatusCode, null, null, body);
            using var json = JsonDocument.Parse(body);
            return new GatewayAnswer(200, Text(json.RootElement, "decision"), Text(json.RootElement, "reason"), body);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new GatewayAnswer(0, null, null, e.Message);
        }
    }

    /// <summary>The signal's decision and pair state; null while the gateway cannot say (404, 503, no answer).</summary>
    public async Task<SignalState?> GetAsync(TestSignal signal)
    {
        var i = signal.Identity;
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"signals/{Uri.EscapeDataString(i.Provider)}/{Uri.EscapeDataString(i.Whitelabel)}/{Uri.EscapeDataString(i.Account)}/{Uri.EscapeDataString(signal.SignalId)}");
        request.Headers.Add("X-Api-Key", apiKey);
        try
        {
            using var response = await _http.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.OK) return null;
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var root = json.RootElement;
            var pair = root.TryGetProperty("pair", out var p) && p.ValueKind == JsonValueKind.Object ? p : (JsonElement?)null;
            return new SignalState(Text(root, "decision") ?? "?", Text(root, "reason"),
                pair is { } some ? Text(some, "state") : null,
                pair is { } o ? Text(o, "outcome") : null,
                pair is { } x ? Text(x, "exposureReason") : null);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public void Dispose() => _http.Dispose();
}
