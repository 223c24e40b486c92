using System.Net;
using BetExecutor.Actors.Accounts;
using BetExecutor.Admin.Tests.Support;
using BetExecutor.Audit.Tests.Support;
using BetExecutor.Domain.Accounts;
using static BetExecutor.Admin.Tests.Support.AdminHarness;

namespace BetExecutor.Admin.Tests;

/// <summary>identity show / list, and an operator's halt and resume of one identity (events naming the operator).</summary>
public sealed class IdentityTests
{
    [Fact]
    public async Task Identity_show_answers_from_the_account_and_its_journal_and_404s_an_identity_never_seen_without_starting_it()
    {
        await using var admin = await AdminHarness.StartAsync();
        var signal = SignalFor("s-1");
        admin.ScriptHedgeInDoubt(signal);
        await admin.Simulation.ExecuteAsync(signal);

        var shown = await admin.GetAsync("identities/bookie/brand1/alice");
        var unknown = await admin.GetAsync("identities/bookie/brand1/nobody");
        var where = await admin.GetAsync("sharding/where/bookie/brand1/nobody");
        var badIdentity = await admin.GetAsync("identities/bookie/bra%20nd1/alice");

        Assert.Equal(HttpStatusCode.OK, shown.Status);
        var json = shown.Json!;
        Assert.Equal("bookie/brand1/alice", json["identity"]!.GetValue<string>());
        Assert.Equal("s-1", json["executingPairId"]!.GetValue<string>());
        Assert.Equal(["s-1"], json["pairsInFlight"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.True(json["cooling"]!.GetValue<bool>());
        Assert.NotNull(json["cooldownUntil"]);
        Assert.Equal(50m, json["stakeToday"]!.GetValue<decimal>());
        Assert.Equal(0.01m, json["limits"]!["stakeStep"]!.GetValue<decimal>());
        Assert.Null(json["halted"]);
        Assert.Null(json["haltedGlobally"]);
        Assert.Equal(admin.SelfAddress, json["node"]!.GetValue<string>());
        Assert.Equal("admin-test-node", json["nodeName"]!.GetValue<string>());
        Assert.Equal(admin.Simulation.Settings.Incarnation + "-1", json["incarnation"]!.GetValue<string>());
        Assert.True(json["lastEvent"]!["seqNr"]!.GetValue<long>() >= 1);
        Assert.StartsWith("account.", json["lastEvent"]!["kind"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (unknown.Status, unknown.ErrorCode));
        Assert.Equal("false", where["started"]);
        Assert.Equal((HttpStatusCode.BadRequest, "whitelabel"), (badIdentity.Status, badIdentity.ErrorField));
    }

    [Fact]
    public async Task Halt_and_resume_need_a_reason_are_refused_when_they_change_nothing_and_are_recorded_naming_the_operator()
    {
        await using var admin = await AdminHarness.StartAsync();

        var noReason = await admin.PostAsync("identities/bookie/brand1/alice/halt", new { });
        var blank = await admin.PostAsync("identities/bookie/brand1/alice/halt", new { reason = "   " });
        var unknownField = await admin.PostAsync("identities/bookie/brand1/alice/halt", new { reason = "x", why = "y" });
        var notJson = await admin.PostAsync("identities/bookie/brand1/alice/halt", "{reason:");
        var halted = await admin.PostAsync("identities/bookie/brand1/alice/halt", new { reason = "venue asked us to pause" });
        var again = await admin.PostAsync("identities/bookie/brand1/alice/halt", new { reason = "again" });
        var refused = await admin.Simulation.ExecuteAsync(SignalFor("s-1"));
        var haltedList = await admin.GetAsync("identities?filter=halted");
        var shown = await admin.GetAsync("identities/bookie/brand1/alice");
        var resumed = await admin.PostAsync("identities/bookie/brand1/alice/resume", new { reason = "venue ok" }, token: OtherToken);
        var resumedAgain = await admin.PostAsync("identities/bookie/brand1/alice/resume", new { reason = "again" });
        var badFilter = await admin.GetAsync("identities?filter=sleepy");
        var wrongMethod = await admin.GetAsync("identities/bookie/brand1/alice/halt");

        Assert.Equal((HttpStatusCode.BadRequest, "reason"), (noReason.Status, noReason.ErrorField));
        Assert.Equal((HttpStatusCode.BadRequest, "reason"), (blank.Status, blank.ErrorField));
        Assert.Equal((HttpStatusCode.BadRequest, "why"), (unknownField.Status, unknownField.ErrorField));
        Assert.Equal((HttpStatusCode.BadRequest, "bad-request"), (notJson.Status, notJson.ErrorCode));
        Assert.Equal(HttpStatusCode.OK, halted.Status);
        Assert.Equal(("halt", "ops-anna", "venue asked us to pause"), (halted["action"], halted["by"], halted["reason"]));
        Assert.Equal((HttpStatusCode.Conflict, "refused"), (again.Status, again.ErrorCode));
        Assert.Equal(DenialReason.Halted, refused.Reason);
        Assert.Equal(["bookie/brand1/alice"], haltedList.Json!.AsArray().Select(i => i!["identity"]!.GetValue<string>()));
        Assert.Equal("ops-anna", shown.Json!["halted"]!["by"]!.GetValue<string>());
        var action = Assert.Single(shown.Json!["operatorActions"]!.AsArray());
        Assert.Equal(("halt", "ops-anna", "venue asked us to pause"),
            (action!["action"]!.GetValue<string>(), action["by"]!.GetValue<string>(), action["reason"]!.GetValue<string>()));
        Assert.Equal((HttpStatusCode.OK, "ops-ben"), (resumed.Status, resumed["by"]));
        Assert.Equal(HttpStatusCode.Conflict, resumedAgain.Status);
        Assert.Equal((HttpStatusCode.BadRequest, "filter"), (badFilter.Status, badFilter.ErrorField));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.Status);

        var events = await JournalReader.ReadAsync(admin.Simulation.Node.System, AccountActor.PersistenceIdFor(Alice));
        var halt = Assert.Single(events.OfType<IdentityHalted>());
        var resume = Assert.Single(events.OfType<IdentityResumed>());
        Assert.Equal(("venue asked us to pause", "ops-anna", Start), (halt.Reason, halt.By, halt.Meta.At));
        Assert.Equal(("venue ok", "ops-ben"), (resume.Reason, resume.By));
        Assert.Equal("admin-test-node", halt.Meta.Node);
    }

    [Fact]
    public async Task Identity_list_shows_every_identity_the_journal_holds_with_its_flags()
    {
        await using var admin = await AdminHarness.StartAsync();
        admin.ScriptSettling(SignalFor("s-1", Alice));
        await admin.Simulation.ExecuteAsync(SignalFor("s-1", Alice));
        await admin.PostAsync("identities/bookie/brand1/bob/halt", new { reason = "new account, not checked yet" });

        var all = await admin.GetAsync("identities");
        var cooling = await admin.GetAsync("identities?filter=cooling");
        var exposed = await admin.GetAsync("identities?filter=exposed");

        Assert.Equal(["bookie/brand1/alice", "bookie/brand1/bob"], all.Json!.AsArray().Select(i => i!["identity"]!.GetValue<string>()));
        Assert.Equal(["bookie/brand1/alice"], cooling.Json!.AsArray().Select(i => i!["identity"]!.GetValue<string>()));
        Assert.Empty(exposed.Json!.AsArray());
        Assert.True(all.Json![1]!["halted"]!.GetValue<bool>());
    }
}
