using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BetExecutor.Cluster.Tests.Support;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.LocalCluster;
using BetExecutor.Venues.Http;
using BetExecutor.Venues.Scripts;
using Xunit.Abstractions;

namespace BetExecutor.Cluster.Tests.Logs;

/// <summary>
/// A whole cluster, its nodes logging at debug level, is given every kind of secret (the Redis password, the
/// gateway's API key, an admin token) and driven through executed, rejected and refused requests; then no log file
/// of any process holds any of them in clear. The scan is shown to find a secret where one is written (Redis's own
/// configuration file), so a clean result is not an empty or unread directory.
/// </summary>
public sealed class SecretsInLogsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task No_log_of_a_cluster_run_holds_a_configured_secret()
    {
        var directory = Directory.CreateTempSubdirectory("betexecutor-secrets-").FullName;
        var hocon = Path.Combine(directory, "test.conf");
        // A cooldown, so a second signal of one identity is refused.
        await File.WriteAllTextAsync(hocon, TestTimings.Hocon + "\nbet-executor.cooldown = 10m\n");
        var adminToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var wrongKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var clock = Stopwatch.StartNew();
        string? launcherToken = null;
        var cluster = await LaunchedCluster.StartAsync(new LocalClusterOptions
        {
            Directory = directory,
            NodeAssembly = Path.Combine(AppContext.BaseDirectory, "node", "BetExecutor.Node.dll"),
            VenueAssembly = Path.Combine(AppContext.BaseDirectory, "venue", "BetExecutor.Venue.Simulator.dll"),
            Executors = 2,
            Gateways = 1,
            HoconFile = hocon,
            ReadyWithin = TimeSpan.FromSeconds(150),
            NodeEnvironment = new Dictionary<string, string>
            {
                ["BETEXECUTOR_LOG_LEVEL"] = "debug",
                // The admin API's token, as its hash (docs/admin-api.md); a node without the admin API ignores it.
                ["BETEXECUTOR_ADMIN_TOKENS"] = $"ops={Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(adminToken)))}",
                ["BETEXECUTOR_ADMIN_LISTEN"] = "127.0.0.1:0",
            },
        });
        try
        {
            output.WriteLine($"cluster ready in {clock.Elapsed.TotalSeconds:0.0} s; directory {directory}");
            var gatewayUrl = cluster.Gateways.First().Spec.GatewayUrl!;
            using var venue = new HttpVenueControl(cluster.Venue.Url);
            using var gateway = new GatewayClient("gateway", gatewayUrl, cluster.ApiKey.Secret);
            using var intruder = new GatewayClient("intruder", gatewayUrl, wrongKey);

            var identity = Identity.Create("bookie", "brand1", "secrets");
            var executed = new TestSignal("secrets-1", identity);
            await venue.ScriptAsync(executed.PositiveReference, new LegScript(PlaceScript.Accept, SettlementState.Won, TimeSpan.Zero));
            await venue.ScriptAsync(executed.HedgeReference, new LegScript(PlaceScript.Accept, SettlementState.Lost, TimeSpan.Zero));
            var first = await gateway.PostAsync(executed);
            Assert.True(first is { Answered: true, Decision: "executed" }, first.ToString());
            var refused = await gateway.PostAsync(new TestSignal("secrets-2", identity));
            Assert.True(refused is { Answered: true, Decision: "rejected" }, refused.ToString());
            var unauthorised = await intruder.PostAsync(new TestSignal("secrets-3", identity));
            Assert.Equal((int)HttpStatusCode.Unauthorized, unauthorised.Status);
            await UntilFinalAsync(gateway, executed);
            launcherToken = await CallAdminIfThereAsync(cluster, adminToken);
        }
        finally
        {
            await cluster.StopAsync();
        }

        var secrets = new Dictionary<string, string>
        {
            ["the Redis password"] = cluster.Redis.Password,
            ["the gateway's API key"] = cluster.ApiKey.Secret,
            ["a wrong API key sent to the gateway"] = wrongKey,
            ["the admin token"] = adminToken,
        };
        if (launcherToken is not null) secrets["the launcher's admin token"] = launcherToken;
        var logs = Directory.EnumerateFiles(Path.Combine(directory, "logs"), "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(logs, l => l.EndsWith("gateway-1.log", StringComparison.Ordinal));
        var all = string.Concat(logs.Select(File.ReadAllText));
        // The logs are the run's: the executed signal's pair and the refusal are in them.
        Assert.Contains("secrets-1", all);
        Assert.Contains("cooldown", all);
        foreach (var log in logs)
        {
            var text = await File.ReadAllTextAsync(log);
            foreach (var (what, secret) in secrets)
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{what} is in {log}");
        }
        // The scan finds a secret where one is written: Redis's configuration holds its password.
        var redisConf = Directory.EnumerateFiles(Path.Combine(directory, "redis"), "redis.conf", SearchOption.AllDirectories).Single();
        Assert.Contains(cluster.Redis.Password, await File.ReadAllTextAsync(redisConf));
        output.WriteLine($"{logs.Count} log files, {all.Length} characters, none holds any of {secrets.Count} secrets");
        Directory.Delete(directory, recursive: true);
    }

    private static async Task UntilFinalAsync(GatewayClient gateway, TestSignal signal)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await gateway.GetAsync(signal) is { Final: true }) return;
            if (clock.Elapsed > TimeSpan.FromSeconds(90)) throw new TimeoutException($"{signal} not final within 90 s");
            await Task.Delay(300);
        }
    }

    /// <summary>
    /// Once nodes serve the admin API (cluster.json names each node's admin URL, and the launcher's own token), one call
    /// with each token and one with a wrong one. Returns the launcher's token, a secret too.
    /// </summary>
    private static async Task<string?> CallAdminIfThereAsync(LaunchedCluster cluster, string token)
    {
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(cluster.ClusterFilePath));
        var launcherToken = json.RootElement.TryGetProperty("adminToken", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (!json.RootElement.TryGetProperty("nodes", out var nodes)) return launcherToken;
        foreach (var node in nodes.EnumerateArray())
        {
            if (!node.TryGetProperty("admin", out var admin) || admin.ValueKind != JsonValueKind.String) continue;
            using var http = new HttpClient { BaseAddress = new Uri(admin.GetString()!), Timeout = TimeSpan.FromSeconds(10) };
            foreach (var bearer in new[] { token, launcherToken, token + "x" }.OfType<string>())
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "cluster");
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
                using var _ = await http.SendAsync(request);
            }
        }
        return launcherToken;
    }
}
