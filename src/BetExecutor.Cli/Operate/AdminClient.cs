using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace BetExecutor.Cli.Operate;

/// <summary>An answer of the admin API: the body as the server sent it (printed as is for <c>--json</c>) and parsed.</summary>
public sealed class AdminAnswer(string body, JsonDocument document) : IDisposable
{
    public string Body { get; } = body;
    public JsonElement Root => document.RootElement;

    public void Dispose() => document.Dispose();
}

/// <summary>
/// The admin API over HTTP with the bearer token. Every failure becomes an <see cref="AdminFailure"/> with one line
/// for the operator; nothing here prints, and the token appears in no message.
/// </summary>
public sealed class AdminClient : IDisposable
{
    /// <summary>Longer than the server's own answer timeout (10 s), so a slow cluster is reported by the server (503).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly AdminTarget _target;

    public AdminClient(AdminTarget target)
    {
        _target = target;
        _http = new HttpClient { BaseAddress = target.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", target.Token);
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public Task<AdminAnswer> GetAsync(string path, CancellationToken cancel) => SendAsync(HttpMethod.Get, path, null, cancel);

    public Task<AdminAnswer> PostAsync(string path, object body, CancellationToken cancel) => SendAsync(HttpMethod.Post, path, body, cancel);

    private async Task<AdminAnswer> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body, JsonSerializerOptions.Web), Encoding.UTF8, "application/json");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token);
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            if (!response.IsSuccessStatusCode) throw RefusalOf(response.StatusCode, text);
            return new AdminAnswer(text, Parse(text));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancel.IsCancellationRequested)
        {
            throw new AdminFailure.Unreachable($"no answer from the admin API at {_target} within {RequestTimeout.TotalSeconds:0} s");
        }
        catch (HttpRequestException e)
        {
            throw Unreachable(e);
        }
    }

    /// <summary>
    /// A stream of JSON lines (<c>GET /cluster/events</c>): each line as sent, until the server ends it or
    /// <paramref name="cancel"/> (Ctrl-C). Only the first answer is bounded by the request timeout.
    /// </summary>
    public async IAsyncEnumerable<string> StreamLinesAsync(string path, [EnumeratorCancellation] CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-ndjson"));
        HttpResponseMessage response;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel))
        {
            timeout.CancelAfter(RequestTimeout);
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancel.IsCancellationRequested)
            {
                throw new AdminFailure.Unreachable($"no answer from the admin API at {_target} within {RequestTimeout.TotalSeconds:0} s");
            }
            catch (HttpRequestException e)
            {
                throw Unreachable(e);
            }
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode) throw RefusalOf(response.StatusCode, await response.Content.ReadAsStringAsync(cancel));
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel));
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(cancel);
                }
                catch (Exception e) when (e is IOException or HttpRequestException && !cancel.IsCancellationRequested)
                {
                    throw new AdminFailure.Unreachable($"the admin API at {_target} broke the stream ({e.Message})");
                }
                if (line is null)
                {
                    // Cancelled while waiting: the caller's to report (Ctrl-C), not a stream the server ended.
                    cancel.ThrowIfCancellationRequested();
                    yield break;
                }
                if (line.Length > 0) yield return line;
            }
        }
    }

    private AdminFailure.Unreachable Unreachable(HttpRequestException e)
    {
        var cause = e.InnerException?.Message ?? e.Message;
        return new AdminFailure.Unreachable($"cannot reach the admin API at {_target} ({cause})");
    }

    /// <summary>The server's error body when it has one; otherwise the bare status (a proxy, or not an admin API at all).</summary>
    private AdminFailure RefusalOf(HttpStatusCode status, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return new AdminFailure.Refused((int)status, StringOf(error, "code") ?? "unknown", StringOf(error, "message"), StringOf(error, "field"));
            }
        }
        catch (JsonException)
        {
            // Not the admin API's error format: reported by status below.
        }
        return status == HttpStatusCode.Unauthorized
            ? new AdminFailure.Refused(401, "unauthorized", null, null)
            : new AdminFailure.Unreachable($"{_target} answered {(int)status} {status} without an admin API error (is it a node's admin API?)");
    }

    private JsonDocument Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text);
        }
        catch (JsonException)
        {
            throw new AdminFailure.Unreachable($"{_target} answered something that is not JSON (is it a node's admin API?)");
        }
    }

    private static string? StringOf(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public void Dispose() => _http.Dispose();
}
