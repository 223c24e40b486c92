using System.Text.Json;
using System.Text.RegularExpressions;
using BetExecutor.Domain.Legs;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using BetExecutor.Telemetry.Tests.Support;
using Xunit.Abstractions;
using static BetExecutor.Telemetry.Tests.Support.Run;

namespace BetExecutor.Telemetry.Tests;

/// <summary>
/// One run on a live node (a real ActorSystem on a real redis-server) with exposures, found unknowns and a cooldown
/// refusal; its /metrics scraped over HTTP from the Kestrel app that maps <see cref="MetricsEndpoint"/>.
/// </summary>
public sealed class ScrapedRun : IAsyncLifetime
{
    public string Scrape { get; private set; } = "";

    public IReadOnlyDictionary<string, List<PrometheusSample>> Series { get; private set; } = new Dictionary<string, List<PrometheusSample>>();

    public async Task InitializeAsync()
    {
        await using var redis = await RedisServerProcess.StartNewAsync();
        // Listening before the run: histograms are recorded only while someone listens.
        await using var host = await MetricsHost.StartAsync();
        var (simulation, _) = await StartAsync("scraped-node", redis.ConnectionString);
        await using (simulation)
        {
            await simulation.SendAsync(For(Account("scrape-settled"), "scrape-1"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
            await simulation.SendAsync(For(Account("scrape-settled"), "scrape-2"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Lost));
            await simulation.SendAsync(For(Account("scrape-found"), "scrape-3"), Leg("timeout-placed", SettlementState.Won), Leg("accept", SettlementState.Lost));
            await simulation.SendAsync(For(Account("scrape-both-won"), "scrape-4"), Leg("accept", SettlementState.Won), Leg("accept", SettlementState.Won));
            await simulation.SendAsync(For(Account("scrape-unhedged"), "scrape-5"), Leg("accept", SettlementState.Won), Leg("reject:MARKET_CLOSED", SettlementState.Pending));
            await simulation.RunUntilQuietAsync();
            Scrape = await host.ScrapeAsync();
            Series = PrometheusText.Parse(Scrape);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

public sealed class ScrapeTests(ScrapedRun run, ITestOutputHelper output) : IClassFixture<ScrapedRun>
{
    /// <summary>Every instrument, by its Prometheus name (src/BetExecutor.Telemetry/README.md lists them).</summary>
    public static readonly string[] ExpectedSeries =
    [
        "betexec_signals_total", "betexec_legs_placed_total", "betexec_placements_unknown_total", "betexec_placements_unknown_resolved_total",
        "betexec_exposures_raised_total", "betexec_exposures_open", "betexec_cooldown_rejections_total", "betexec_cooldown_violations_total",
        "betexec_settlement_polls_total", "betexec_settlement_reconciliations_total",
        "betexec_signal_to_positive_duration_seconds_bucket", "betexec_positive_to_hedge_duration_seconds_bucket",
        "betexec_journal_append_duration_seconds_bucket", "betexec_journal_appends_fenced_total",
        "betexec_lease_acquisitions_total", "betexec_lease_losses_total", "betexec_identities_active",
    ];

    [Fact]
    public void The_scrape_after_a_run_with_exposures_holds_every_instrument()
    {
        output.WriteLine(run.Scrape);
        foreach (var name in ExpectedSeries)
            Assert.True(run.Series.ContainsKey(name), $"{name} is not in the scrape:\n{run.Scrape}");
        Assert.Contains(run.Series["betexec_exposures_raised_total"], s => s.Labels.GetValueOrDefault("reason") == "both-won" && s.Value >= 1);
        Assert.Contains(run.Series["betexec_exposures_open"], s => s.Labels.GetValueOrDefault("node") == "scraped-node" && s.Value == 2);
        Assert.All(run.Series["betexec_cooldown_violations_total"], s => Assert.Equal(0, s.Value));
    }

    [Fact]
    public void Every_series_the_dashboard_queries_is_in_the_scrape()
    {
        var names = DashboardMetricNames(Path.Combine(AppContext.BaseDirectory, "deploy", "bet-executor.json"));
        output.WriteLine($"the dashboard queries {names.Count} series: {string.Join(", ", names)}");
        // Every panel of the watch list is there: exposures, signals, placements, latency, fencing, leases, identities.
        Assert.True(names.Count >= 12, $"only {names.Count} series");
        var missing = names.Where(n => !run.Series.ContainsKey(n)).ToList();
        Assert.True(missing.Count == 0, $"the dashboard queries series the node does not export: {string.Join(", ", missing)}");
    }

    [Fact]
    public void A_renamed_series_would_be_caught()
    {
        // The check above, fed a query of a series that does not exist, finds it missing.
        var file = Path.Combine(Path.GetTempPath(), $"dashboard-{Guid.NewGuid():N}.json");
        File.WriteAllText(file, """{"panels":[{"targets":[{"expr":"sum(betexec_exposures_open_now)"}]}]}""");
        try
        {
            var names = DashboardMetricNames(file);
            Assert.Equal(["betexec_exposures_open_now"], names);
            Assert.DoesNotContain(names, run.Series.ContainsKey);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Every metric name in the dashboard's PromQL (panels' targets, nested rows, template queries). Every metric of the
    /// project starts with <c>betexec_</c>; an expression naming none would query something else, and fails here.
    /// </summary>
    private static IReadOnlyList<string> DashboardMetricNames(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var expressions = new List<string>();
        Collect(json.RootElement, expressions);
        Assert.NotEmpty(expressions);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var expression in expressions)
        {
            var found = Regex.Matches(expression, @"\bbetexec_[a-zA-Z0-9_]+").Select(m => m.Value).ToList();
            Assert.True(found.Count > 0, $"a dashboard query names no betexec_ series: {expression}");
            names.UnionWith(found);
        }
        return names.ToList();
    }

    private static void Collect(JsonElement element, List<string> expressions)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "expr" or "definition" && property.Value.ValueKind == JsonValueKind.String)
                        expressions.Add(property.Value.GetString()!);
                    else
                        Collect(property.Value, expressions);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Collect(item, expressions);
                break;
        }
    }
}
