using System.Text.Json;

namespace BetExecutor.Cli.Operate;

/// <summary>Which node's admin API to ask, and the bearer token to ask with. The token is never printed.</summary>
public sealed record AdminTarget(Uri BaseAddress, string Token)
{
    public const string UrlVariable = "BETEXECUTOR_ADMIN_URL";
    public const string TokenVariable = "BETEXECUTOR_ADMIN_TOKEN";

    /// <summary>The token stays out of logs, error messages and debugger views.</summary>
    public override string ToString() => BaseAddress.ToString();

    /// <summary>
    /// Options first, then the cluster file (a local cluster's <c>cluster.json</c>: its <c>adminToken</c> and its first
    /// node's <c>admin</c> URL), then the environment. A missing or malformed value is a usage error naming its source.
    /// </summary>
    public static bool TryResolve(string? admin, string? token, string? clusterFile, Func<string, string?> environment,
        out AdminTarget? target, out string? error)
    {
        target = null;
        string? fileUrl = null, fileToken = null;
        if (clusterFile is not null && !TryReadClusterFile(clusterFile, out fileUrl, out fileToken, out error)) return false;

        var (url, urlSource) = First((admin, "--admin"), (fileUrl, "--cluster-file"), (environment(UrlVariable), UrlVariable));
        var (secret, _) = First((token, "--token"), (fileToken, "--cluster-file"), (environment(TokenVariable), TokenVariable));
        if (url is null)
        {
            error = $"--admin: no admin API given: pass --admin http://HOST:PORT, set {UrlVariable}, or pass --cluster-file .local-cluster/cluster.json";
            return false;
        }
        if (Uri.TryCreate(url, UriKind.Absolute, out var withUser) && !string.IsNullOrEmpty(withUser.UserInfo))
        {
            // Not echoed: the user part may hold a password.
            error = $"{urlSource}: the admin API address must not carry a user or password; give the token with --token or {TokenVariable}";
            return false;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || !string.IsNullOrEmpty(uri.Query))
        {
            error = $"{urlSource}: '{url}' is not an admin API address of the form http://HOST:PORT";
            return false;
        }
        if (string.IsNullOrWhiteSpace(secret))
        {
            error = $"--token: no admin token given: pass --token, set {TokenVariable}, or pass --cluster-file .local-cluster/cluster.json";
            return false;
        }
        // Relative paths resolve under the given address, also when it has a path of its own (a proxy's prefix).
        var withSlash = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
        target = new AdminTarget(withSlash, secret.Trim());
        error = null;
        return true;
    }

    private static (string? Value, string Source) First(params (string? Value, string Source)[] candidates)
    {
        foreach (var candidate in candidates)
            if (!string.IsNullOrWhiteSpace(candidate.Value)) return (candidate.Value.Trim(), candidate.Source);
        return (null, "");
    }

    private static bool TryReadClusterFile(string path, out string? url, out string? token, out string? error)
    {
        url = token = null;
        if (!File.Exists(path))
        {
            error = $"--cluster-file: {Path.GetFullPath(path)} does not exist (scripts/local-cluster up writes it)";
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = $"--cluster-file: {path} is not a cluster file (no JSON object)";
                return false;
            }
            if (root.TryGetProperty("adminToken", out var t) && t.ValueKind == JsonValueKind.String) token = t.GetString();
            if (root.TryGetProperty("nodes", out var nodes) && nodes.ValueKind == JsonValueKind.Array)
                url = nodes.EnumerateArray()
                    .Select(n => n.ValueKind == JsonValueKind.Object && n.TryGetProperty("admin", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null)
                    .FirstOrDefault(a => !string.IsNullOrWhiteSpace(a));
            if (url is null || token is null)
            {
                error = $"--cluster-file: {path} names no {(url is null ? "node with an admin URL" : "adminToken")} (a cluster started before the admin API existed?)";
                return false;
            }
            error = null;
            return true;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            error = $"--cluster-file: {path} cannot be read ({e.GetType().Name})";
            return false;
        }
    }
}
