using Microsoft.AspNetCore.Http;

namespace BetExecutor.Http.Security;

/// <summary>Why a request was not let in; logged (never the key), while the answer is the same for every reason.</summary>
public enum KeyRefusal
{
    Missing,
    Malformed,
    Unknown,
}

/// <summary>
/// Reads the key a request presents: <c>Authorization: Bearer &lt;key&gt;</c>, or (where the server takes it)
/// <c>X-Api-Key: &lt;key&gt;</c>; one of them, once.
/// </summary>
public static class PresentedKey
{
    public const string ApiKeyHeader = "X-Api-Key";
    private const string Bearer = "Bearer ";

    /// <returns>The key's name, or null with <paramref name="refusal"/> saying why.</returns>
    public static string? Authenticate(HttpRequest request, ApiKeyRing keys, out KeyRefusal refusal) =>
        Authenticate(request, keys, acceptApiKeyHeader: true, out refusal);

    /// <param name="acceptApiKeyHeader">False: only <c>Authorization: Bearer</c>; an <c>X-Api-Key</c> header is then malformed.</param>
    public static string? Authenticate(HttpRequest request, ApiKeyRing keys, bool acceptApiKeyHeader, out KeyRefusal refusal)
    {
        var authorization = request.Headers.Authorization;
        var apiKey = request.Headers[ApiKeyHeader];
        if (!acceptApiKeyHeader && apiKey.Count > 0)
        {
            refusal = KeyRefusal.Malformed;
            return null;
        }
        refusal = KeyRefusal.Missing;
        if (authorization.Count == 0 && apiKey.Count == 0) return null;
        refusal = KeyRefusal.Malformed;
        if (authorization.Count + apiKey.Count != 1) return null;
        string? key;
        if (authorization.Count == 1)
        {
            var value = authorization[0] ?? "";
            if (!value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase)) return null;
            key = value[Bearer.Length..].Trim();
        }
        else
        {
            key = apiKey[0]?.Trim();
        }
        if (string.IsNullOrEmpty(key) || key.Length > ApiKeyRing.MaxKeyLength || key.Any(char.IsControl)) return null;
        refusal = KeyRefusal.Unknown;
        return keys.Identify(key);
    }
}
