using System.Net;
using BetExecutor.Admin.Configuration;
using BetExecutor.Admin.Tests.Support;
using BetExecutor.Gateway.Tests.Support;
using BetExecutor.Http.Security;
using static BetExecutor.Admin.Tests.Support.AdminHarness;

namespace BetExecutor.Admin.Tests;

/// <summary>Who may operate: a token, hashed in the configuration; 401 without detail; the token's name on the log, never the token.</summary>
public sealed class AuthTests
{
    [Fact]
    public async Task Without_a_valid_token_every_path_answers_401_with_one_body_and_nothing_is_done()
    {
        await using var admin = await AdminHarness.StartAsync();

        var answers = new List<Answer>
        {
            await admin.GetAsync("cluster", token: null),
            await admin.GetAsync("cluster", token: "not-a-configured-token"),
            await admin.GetAsync("identities/bookie/brand1/alice", token: ApiKeyRing.HashOf(OpsToken)),
            await admin.PostAsync("halt-all", new { reason = "test" }, token: "wrong"),
            await admin.PostAsync("identities/bookie/brand1/alice/halt", new { reason = "test" }, token: null),
            await admin.GetAsync("no/such/path", token: null),
        };
        using (var basic = new HttpRequestMessage(HttpMethod.Get, "cluster"))
        {
            basic.Headers.TryAddWithoutValidation("Authorization", "Basic " + OpsToken);
            answers.Add(await Send(admin, basic));
        }
        using (var apiKeyHeader = new HttpRequestMessage(HttpMethod.Get, "cluster"))
        {
            // The gateway's other header form is not taken here: the admin API reads a bearer token only.
            apiKeyHeader.Headers.Add("X-Api-Key", OpsToken);
            answers.Add(await Send(admin, apiKeyHeader));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Unauthorized, a.Status));
        Assert.Single(answers.Select(a => a.Text).Distinct());
        Assert.Equal("unauthorized", answers[0].ErrorCode);
        var killSwitch = await admin.GetAsync("kill-switch");
        Assert.Equal("false", killSwitch["halted"]);
        var alice = await admin.GetAsync("identities/bookie/brand1/alice");
        Assert.Equal(HttpStatusCode.NotFound, alice.Status);
    }

    [Fact]
    public async Task The_metrics_page_answers_without_a_token_on_the_same_port_while_the_api_still_needs_one()
    {
        await using var admin = await AdminHarness.StartAsync();

        // Prometheus text, not JSON: read it raw, with no Authorization header at all.
        using var response = await admin.Http.GetAsync("metrics");
        var metrics = (Status: response.StatusCode, Text: await response.Content.ReadAsStringAsync());
        var cluster = await admin.GetAsync("cluster", token: null);

        Assert.Equal(HttpStatusCode.OK, metrics.Status);
        Assert.Contains("betexec_journal_appends_fenced_total", metrics.Text);
        Assert.Contains("betexec_lease_losses_total", metrics.Text);
        Assert.Equal(HttpStatusCode.Unauthorized, cluster.Status);
    }

    [Fact]
    public async Task Each_call_is_logged_with_the_tokens_name_and_no_token_or_hash_is_ever_logged()
    {
        await using var admin = await AdminHarness.StartAsync();
        await admin.GetAsync("cluster");
        await admin.PostAsync("identities/bookie/brand1/alice/halt", new { reason = "checking the venue" }, token: OtherToken);
        await admin.GetAsync("cluster", token: "wrong-token-31337");

        var lines = admin.Log.Events;
        Assert.Contains(lines, e => e.RenderMessage() == "Admin \"GET\" \"/cluster\" by \"ops-anna\" -> 200");
        Assert.Contains(lines, e => e.Properties.TryGetValue("Operator", out var name) && name.ToString() == "\"ops-ben\""
            && e.RenderMessage().Contains("Operator action \"halt\""));
        Assert.Contains(lines, e => e.RenderMessage().Contains("refused") && e.RenderMessage().Contains("token \"unknown\""));
        var secrets = new[] { OpsToken, OtherToken, "wrong-token-31337", ApiKeyRing.HashOf(OpsToken), ApiKeyRing.HashOf(OtherToken) };
        Assert.All(lines.Select(CapturedLog.AllText), text => Assert.DoesNotContain(secrets, text.Contains));
    }

    [Fact]
    public async Task A_node_refuses_to_start_the_admin_api_without_a_token_and_names_the_setting()
    {
        var options = AdminConfiguration.Read(null);
        Assert.Equal(0, options.Tokens.Count);
        var error = await Assert.ThrowsAsync<Actors.Configuration.SettingException>(() =>
            AdminServer.StartAsync(options, null!, Serilog.Core.Logger.None));
        Assert.Contains("bet-executor.admin.tokens", error.Message);
    }

    private static async Task<Answer> Send(AdminHarness admin, HttpRequestMessage request)
    {
        using var response = await admin.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, text, System.Text.Json.Nodes.JsonNode.Parse(text), null);
    }
}
