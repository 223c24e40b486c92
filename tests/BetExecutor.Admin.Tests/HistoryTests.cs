using System.Net;
using BetExecutor.Admin.Tests.Support;
using static BetExecutor.Admin.Tests.Support.AdminHarness;

namespace BetExecutor.Admin.Tests;

/// <summary>pair show (every event with time, node and incarnation), which identities hold a pair id, and signal show.</summary>
public sealed class HistoryTests
{
    [Fact]
    public async Task Pair_show_lists_the_accounts_and_the_pairs_events_and_signal_show_the_decision_and_where_the_pair_stands()
    {
        await using var admin = await AdminHarness.StartAsync();
        var signal = SignalFor("s-1");
        admin.ScriptSettling(signal);
        await admin.Simulation.ExecuteAsync(signal);
        await admin.Simulation.RunUntilQuietAsync(Start.AddHours(12));
        await admin.Simulation.ExecuteAsync(SignalFor("s-2")); // refused: its event started (the first pair settled after kick-off)

        var pair = await admin.GetAsync("identities/bookie/brand1/alice/pairs/s-1");
        var denied = await admin.GetAsync("identities/bookie/brand1/alice/pairs/s-2");
        var unknownPair = await admin.GetAsync("identities/bookie/brand1/alice/pairs/s-9");
        var holders = await admin.GetAsync("pairs/s-1");
        var noHolders = await admin.GetAsync("pairs/s-9");
        var shownSignal = await admin.GetAsync("identities/bookie/brand1/alice/signals/s-1");
        var deniedSignal = await admin.GetAsync("identities/bookie/brand1/alice/signals/s-2");
        var unknownSignal = await admin.GetAsync("identities/bookie/brand1/alice/signals/s-9");

        Assert.Equal(HttpStatusCode.OK, pair.Status);
        Assert.Equal("settled", pair["state"]);
        Assert.Null(pair.Json!["exposure"]); // a pair that raised none shows no exposure state
        var kinds = pair.Json!["events"]!.AsArray().Select(e => e!["kind"]!.GetValue<string>()).ToArray();
        Assert.Equal("account.signal-accepted.v1", kinds[0]);
        Assert.Contains("pair.positive-intent-recorded.v1", kinds);
        Assert.Contains("pair.hedge-accepted.v1", kinds);
        Assert.Contains("pair.settled.v1", kinds);
        Assert.Contains("account.pair-finished.v1", kinds);
        Assert.All(pair.Json!["events"]!.AsArray(), e =>
        {
            Assert.Equal("admin-test-node", e!["node"]!.GetValue<string>());
            Assert.Equal(admin.Simulation.Settings.Incarnation + "-1", e["incarnation"]!.GetValue<string>());
            Assert.NotNull(e["time"]);
            Assert.False(string.IsNullOrEmpty(e["detail"]!.GetValue<string>()));
        });
        Assert.Equal("denied", denied["state"]);
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (unknownPair.Status, unknownPair.ErrorCode));
        Assert.Equal(["bookie/brand1/alice"], holders.Json!.AsArray().Select(h => h!["identity"]!.GetValue<string>()));
        Assert.Empty(noHolders.Json!.AsArray());
        Assert.Equal(("executed", "settled"), (shownSignal["decision"], shownSignal.Json!["pair"]!["state"]!.GetValue<string>()));
        Assert.Equal(("rejected", "event-started"), (deniedSignal["decision"], deniedSignal["reason"]));
        Assert.Equal(HttpStatusCode.NotFound, unknownSignal.Status);
    }
}
