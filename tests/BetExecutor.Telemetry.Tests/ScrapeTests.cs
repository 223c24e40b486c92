using BetExecutor.Domain.Legs;
using BetExecutor.Persistence.Redis.Tests.Infrastructure;
using BetExecutor.Telemetry.Tests.Support;
using Xunit.Abstractions;
using static BetExecutor.Telemetry.Tests.Support.Run;

namespace BetExecutor.Telemetry.Tests;

/// <summary>A live node on a real redis-server, scraped over HTTP after a run with exposures.</summary>
public sealed class ScrapeTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_scrape_after_a_run_with_exposures_holds_every_instrument()
    {
        await using var redis = await RedisServerProcess.StartNewAsync();
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

            var scrape = await host.ScrapeAsync();
            output.WriteLine(scrape);
            var series = PrometheusText.Parse(scrape);
            foreach (var name in ExpectedSeries)
                Assert.True(series.ContainsKey(name), $"{name} is not in the scrape:\n{scrape}");
            Assert.Contains(series["betexec_exposures_raised_total"], s => s.Labels.GetValueOrDefault("reason") == "both-won" && s.Value >= 1);
            Assert.Contains(series["betexec_exposures_open"], s => s.Labels.GetValueOrDefault("node") == "scraped-node" && s.Value == 2);
            Assert.All(series["betexec_cooldown_violations_total"], s => Assert.Equal(0, s.Value));
        }
    }

    /// <summary>Every instrument, by its Prometheus name (README.md lists them).</summary>
    public static readonly string[] ExpectedSeries =
    [
        "betexec_signals_total", "betexec_legs_placed_total", "betexec_placements_unknown_total", "betexec_placements_unknown_resolved_total",
        "betexec_exposures_raised_total", "betexec_exposures_open", "betexec_cooldown_rejections_total", "betexec_cooldown_violations_total",
        "betexec_settlement_polls_total", "betexec_settlement_reconciliations_total",
        "betexec_signal_to_positive_duration_seconds_bucket", "betexec_positive_to_hedge_duration_seconds_bucket",
        "betexec_journal_append_duration_seconds_bucket", "betexec_journal_appends_fenced_total",
        "betexec_lease_acquisitions_total", "betexec_lease_losses_total", "betexec_identities_active",
    ];
}
