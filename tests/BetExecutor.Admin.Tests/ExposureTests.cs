using System.Net;
using BetExecutor.Actors.Accounts;
using BetExecutor.Admin.Tests.Support;
using BetExecutor.Audit.Tests.Support;
using BetExecutor.Domain.Accounts;
using static BetExecutor.Admin.Tests.Support.AdminHarness;

namespace BetExecutor.Admin.Tests;

/// <summary>exposure list / show / resolve: a resolution is an event naming the operator, refused without a reason or twice.</summary>
public sealed class ExposureTests
{
    private const string Exposure = "identities/bookie/brand1/alice/exposures/s-1";

    [Fact]
    public async Task An_open_exposure_is_listed_shown_and_resolved_once_with_a_reason_naming_the_operator()
    {
        await using var admin = await AdminHarness.StartAsync();
        var signal = SignalFor("s-1");
        admin.ScriptUnhedged(signal);
        await admin.Simulation.ExecuteAsync(signal);
        await admin.Simulation.RunUntilQuietAsync(Start.AddHours(1));

        var open = await admin.GetAsync("exposures?open=true");
        var shown = await admin.GetAsync(Exposure);
        var pairBefore = await admin.GetAsync("identities/bookie/brand1/alice/pairs/s-1");
        var noReason = await admin.PostAsync(Exposure + "/resolve", new { });
        var nonePair = await admin.PostAsync("identities/bookie/brand1/alice/exposures/s-9/resolve", new { reason = "x" });
        var noneShown = await admin.GetAsync("identities/bookie/brand1/alice/exposures/s-9");
        var resolved = await admin.PostAsync(Exposure + "/resolve", new { reason = "hedged by hand at the exchange, bet 77" });
        var twice = await admin.PostAsync(Exposure + "/resolve", new { reason = "again" }, token: OtherToken);
        var openAfter = await admin.GetAsync("exposures?open=true");
        var all = await admin.GetAsync("exposures");
        var badOpen = await admin.GetAsync("exposures?open=maybe");
        var identity = await admin.GetAsync("identities/bookie/brand1/alice");
        var pairAfter = await admin.GetAsync("identities/bookie/brand1/alice/pairs/s-1");

        var listed = Assert.Single(open.Json!.AsArray());
        Assert.Equal(("bookie/brand1/alice", "s-1", "unhedged", "open"),
            (listed!["identity"]!.GetValue<string>(), listed["pairId"]!.GetValue<string>(), listed["reason"]!.GetValue<string>(), listed["status"]!.GetValue<string>()));
        Assert.NotNull(listed["positive"]!["betId"]);
        Assert.Equal(("open", "unhedged"), (shown["status"], shown["reason"]));
        Assert.Equal((HttpStatusCode.BadRequest, "reason"), (noReason.Status, noReason.ErrorField));
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (nonePair.Status, nonePair.ErrorCode));
        Assert.Equal(HttpStatusCode.NotFound, noneShown.Status);
        Assert.Equal(HttpStatusCode.OK, resolved.Status);
        Assert.Equal(("resolve-exposure", "ops-anna"), (resolved["action"], resolved["by"]));
        Assert.Equal(("resolved", "ops-anna", "hedged by hand at the exchange, bet 77"),
            (resolved.Json!["exposure"]!["status"]!.GetValue<string>(), resolved.Json!["exposure"]!["resolvedBy"]!.GetValue<string>(),
             resolved.Json!["exposure"]!["resolution"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.Conflict, "refused"), (twice.Status, twice.ErrorCode));
        Assert.Contains("ops-anna", twice.Json!["error"]!["message"]!.GetValue<string>());
        Assert.Empty(openAfter.Json!.AsArray());
        Assert.Equal("resolved", Assert.Single(all.Json!.AsArray())!["status"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.BadRequest, "open"), (badOpen.Status, badOpen.ErrorField));
        Assert.Equal(("exposure", "open"), (pairBefore["state"], pairBefore["exposure"]));
        Assert.Equal(("exposure", "resolved"), (pairAfter["state"], pairAfter["exposure"]));
        var actions = identity.Json!["operatorActions"]!.AsArray().Select(a => (a!["action"]!.GetValue<string>(), a["by"]!.GetValue<string>())).ToArray();
        Assert.Contains(("exposure-raised", "executor"), actions);
        Assert.Contains(("resolve-exposure", "ops-anna"), actions);

        var events = await JournalReader.ReadAsync(admin.Simulation.Node.System, AccountActor.PersistenceIdFor(Alice));
        var resolution = Assert.Single(events.OfType<ExposureResolved>());
        Assert.Equal(("s-1", "hedged by hand at the exchange, bet 77", "ops-anna"), (resolution.PairId, resolution.Reason, resolution.ResolvedBy));
        Assert.Contains(admin.Log.Events, e => e.RenderMessage().Contains("resolve-exposure") && e.RenderMessage().Contains("\"ops-anna\""));
    }
}
