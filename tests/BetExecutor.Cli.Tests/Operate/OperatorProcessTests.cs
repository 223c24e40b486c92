using BetExecutor.Cli.Tests.Support;

namespace BetExecutor.Cli.Tests.Operate;

/// <summary>
/// The operator commands as a real <c>betexec</c> process against a canned admin server: what each sends (path, bearer
/// token, body), the exit code for each kind of answer (0 ok, 1 refused or failed, 2 bad usage) and one line on
/// standard error, never a stack trace or the token.
/// </summary>
public sealed class OperatorProcessTests
{
    public static readonly TheoryData<string> EveryCommand = new()
    {
        "cluster", "cluster show", "cluster leave", "cluster down", "cluster tail",
        "sharding", "sharding regions", "sharding stats", "sharding where",
        "identity", "identity show", "identity list",
        "exposure", "exposure list", "exposure show", "exposure resolve",
        "halt", "resume", "pair", "pair show", "signal", "signal show",
    };

    [Theory]
    [MemberData(nameof(EveryCommand))]
    public async Task Every_group_and_command_has_help(string command)
    {
        var result = await Betexec.RunAsync([.. command.Split(' '), "--help"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"betexec {command}", result.Stdout);
        Assert.Contains("Usage:", result.Stdout);
        if (command.Contains(' ') || command is "halt" or "resume")
        {
            Assert.Contains("--admin", result.Stdout);
            Assert.Contains("--json", result.Stdout);
        }
    }

    [Fact]
    public async Task A_group_without_a_command_is_bad_usage_pointing_at_its_help()
    {
        var result = await Betexec.RunAsync("exposure");

        AssertFails(result, 2, "see: betexec exposure --help");
    }

    [Fact]
    public async Task Cluster_show_asks_with_the_bearer_token_and_prints_a_table_or_the_servers_json()
    {
        await using var server = new CannedAdminServer().Answer("GET", "/cluster", 200, CannedAnswers.Cluster);

        var table = await Betexec.RunAsync(server.Args("cluster", "show"));
        var json = await Betexec.RunAsync(server.Args("cluster", "show", "--json"));

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Matches(@"(?m)^ADDRESS\s+ROLES\s+STATUS", table.Stdout);
        Assert.Contains("(this node)", table.Stdout);
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal(CannedAnswers.Cluster, json.Stdout.TrimEnd('\n'));
        Assert.All(server.Requests, r => Assert.Equal($"Bearer {CannedAdminServer.Token}", r.Authorization));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task The_admin_url_and_token_come_from_the_environment_or_a_cluster_file()
    {
        await using var server = new CannedAdminServer().Answer("GET", "/sharding/stats", 200, CannedAnswers.Stats);
        var file = Path.Combine(Path.GetTempPath(), $"betexec-cluster-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, $$"""{"adminToken": "{{CannedAdminServer.Token}}", "nodes": [{"name": "gw", "admin": null}, {"name": "node-1", "admin": "{{server.Url}}"}]}""");
        try
        {
            var fromFile = await Betexec.RunAsync("sharding", "stats", "--cluster-file", file);
            var fromEnvironment = await Betexec.RunWithEnvironmentAsync(
                new Dictionary<string, string> { ["BETEXECUTOR_ADMIN_URL"] = server.Url, ["BETEXECUTOR_ADMIN_TOKEN"] = CannedAdminServer.Token },
                "sharding", "stats");

            Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
            Assert.Contains("total: 2 shards, 4 identities", fromFile.Stdout);
            Assert.True(fromEnvironment.ExitCode == 0, fromEnvironment.ToString());
            Assert.Equal(fromFile.Stdout, fromEnvironment.Stdout);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Without_an_admin_url_or_token_it_is_bad_usage_naming_the_option()
    {
        var noUrl = await Betexec.RunWithEnvironmentAsync(new Dictionary<string, string> { ["BETEXECUTOR_ADMIN_URL"] = "", ["BETEXECUTOR_ADMIN_TOKEN"] = "" }, "cluster", "show");
        var noToken = await Betexec.RunWithEnvironmentAsync(new Dictionary<string, string> { ["BETEXECUTOR_ADMIN_TOKEN"] = "" }, "cluster", "show", "--admin", "http://127.0.0.1:9");
        var badUrl = await Betexec.RunAsync("cluster", "show", "--admin", "127.0.0.1:9090", "--token", "t");
        var noFile = await Betexec.RunAsync("cluster", "show", "--cluster-file", "/nonexistent/cluster.json");

        AssertFails(noUrl, 2, "error: --admin:");
        AssertFails(noToken, 2, "error: --token:");
        AssertFails(badUrl, 2, "error: --admin: '127.0.0.1:9090' is not an admin API address");
        AssertFails(noFile, 2, "error: --cluster-file:");
    }

    [Theory]
    [InlineData("identity show alice", "IDENTITY: 'alice' is not an identity")]
    [InlineData("sharding where bookie/brand1", "IDENTITY: 'bookie/brand1' is not an identity")]
    [InlineData("halt bookie/brand1/alice", "--reason: required")]
    [InlineData("halt bookie/brand1/alice --reason", "--reason")]
    [InlineData("halt --reason maintenance", "IDENTITY: give an identity (provider/whitelabel/account) or --all")]
    [InlineData("resume bookie/brand1/alice --all --reason done", "IDENTITY: give an identity or --all, not both")]
    [InlineData("exposure resolve bookie/brand1/alice/sig-7", "--reason: required")]
    [InlineData("exposure resolve bookie/brand1/sig-7 --reason checked", "PAIR: 'bookie/brand1/sig-7' is not a pair")]
    [InlineData("identity list --cooling --halted", "--halted: give at most one of")]
    [InlineData("signal show bookie/brand1/alice bad/id", "SIGNAL_ID: contains")]
    [InlineData("cluster down node-b", "ADDRESS: 'node-b' is not a member address")]
    [InlineData("cluster leave", "error: ADDRESS:")]
    [InlineData("signal show bookie/brand1/alice", "error: SIGNAL_ID:")]
    [InlineData("exposure list --bogus", "--bogus")]
    public async Task Bad_arguments_exit_2_naming_the_argument_and_send_nothing(string command, string named)
    {
        await using var server = new CannedAdminServer();

        // The server in the environment, so that an option missing its value at the end of the line stays at the end.
        var result = await Betexec.RunWithEnvironmentAsync(server.Environment(), command.Split(' '));

        AssertFails(result, 2, named);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Halt_and_resume_post_the_reason_to_the_identity_or_the_kill_switch()
    {
        await using var server = new CannedAdminServer()
            .Answer("POST", "/identities/bookie/brand1/alice/halt", 200,
                """{"identity": "bookie/brand1/alice", "action": "halt", "by": "ops", "reason": "venue maintenance", "at": "2026-11-30T08:20:00.000Z"}""")
            .Answer("POST", "/resume-all", 200,
                """{"action": "resume-all", "halted": false, "reason": "all clear", "by": "ops", "at": "2026-11-30T08:30:00.000Z", "seqNr": 4, "nodes": [{"address": "akka.tcp://bet-executor@127.0.0.1:4053", "acknowledged": true}]}""");

        var halt = await Betexec.RunAsync(server.Args("halt", "bookie/brand1/alice", "--reason", "venue maintenance"));
        var resume = await Betexec.RunAsync(server.Args("resume", "--all", "--reason", "all clear"));

        Assert.True(halt.ExitCode == 0, halt.ToString());
        Assert.Equal("halted bookie/brand1/alice by ops at 2026-11-30 08:20:00Z: venue maintenance", halt.Stdout.Split('\n')[0]);
        Assert.True(resume.ExitCode == 0, resume.ToString());
        Assert.StartsWith("resumed every identity (kill switch) by ops", resume.Stdout);
        Assert.Matches(@"(?m)^akka\.tcp://bet-executor@127\.0\.0\.1:4053\s+yes$", resume.Stdout);
        var requests = server.Requests.ToArray();
        Assert.Equal(("POST", "/identities/bookie/brand1/alice/halt", """{"reason":"venue maintenance"}"""), (requests[0].Method, requests[0].PathAndQuery, requests[0].Body));
        Assert.Equal(("POST", "/resume-all", """{"reason":"all clear"}"""), (requests[1].Method, requests[1].PathAndQuery, requests[1].Body));
    }

    [Fact]
    public async Task A_bare_pair_id_is_looked_up_and_must_name_exactly_one_identity()
    {
        await using var server = new CannedAdminServer()
            .Answer("GET", "/pairs/sig-7", 200, """[{"identity": "bookie/brand1/alice"}]""")
            .Answer("GET", "/identities/bookie/brand1/alice/exposures/sig-7", 200, CannedAnswers.Exposure)
            .Answer("GET", "/pairs/sig-9", 200, """[{"identity": "bookie/brand1/alice"}, {"identity": "bookie/brand2/bob"}]""")
            .Answer("GET", "/pairs/sig-0", 200, "[]");

        var one = await Betexec.RunAsync(server.Args("exposure", "show", "sig-7"));
        var two = await Betexec.RunAsync(server.Args("exposure", "show", "sig-9"));
        var none = await Betexec.RunAsync(server.Args("pair", "show", "sig-0"));

        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Matches(@"(?m)^reason:\s+hedge-rejected: the hedge was rejected$", one.Stdout);
        Assert.Matches(@"(?m)^positive:\s+bet b-1, 10\.0 at 2\.1 taken \(asked 10\.0 at 2\.1\), settlement pending, reference sig-7-p, bookie/brand1/alice$", one.Stdout);
        Assert.Matches(@"(?m)^hedge:\s+no bet \(asked 9\.5 at 2\.2\), settlement -, reference sig-7-h, exchange/main/hedger$", one.Stdout);
        AssertFails(two, 2, "PAIR: pair id sig-9 is held by 2 identities (bookie/brand1/alice, bookie/brand2/bob): give provider/whitelabel/account/sig-9");
        AssertFails(none, 1, "not found: no identity holds pair sig-0");
    }

    [Theory]
    [InlineData(409, """{"error":{"code":"refused","message":"the exposure was resolved at 08:20 by ops"}}""", 1, "error: refused: the exposure was resolved at 08:20 by ops (refused)")]
    [InlineData(404, """{"error":{"code":"not-found","message":"no exposure on pair sig-7"}}""", 1, "error: not found: no exposure on pair sig-7 (not-found)")]
    [InlineData(503, """{"error":{"code":"unavailable","message":"the account did not answer within 10 s"}}""", 1, "error: the cluster did not answer in time: the account did not answer within 10 s (unavailable)")]
    [InlineData(400, """{"error":{"code":"bad-request","message":"reason: at most 500 characters","field":"reason"}}""", 2, "error: --reason: at most 500 characters (bad-request)")]
    [InlineData(500, """{"error":{"code":"internal-error","message":"a bug; logged"}}""", 1, "error: the admin API answered 500: a bug; logged (internal-error)")]
    [InlineData(502, "<html>bad gateway</html>", 1, "answered 502 BadGateway without an admin API error")]
    public async Task A_refusal_or_failure_is_one_line_with_the_right_exit_code(int status, string body, int exitCode, string message)
    {
        await using var server = new CannedAdminServer()
            .Answer("POST", "/identities/bookie/brand1/alice/exposures/sig-7/resolve", status, body);

        var result = await Betexec.RunAsync(server.Args("exposure", "resolve", "bookie/brand1/alice/sig-7", "--reason", "checked with the venue"));

        AssertFails(result, exitCode, message);
    }

    [Fact]
    public async Task A_wrong_token_is_refused_without_echoing_it()
    {
        await using var server = new CannedAdminServer();

        var result = await Betexec.RunAsync("identity", "list", "--admin", server.Url, "--token", "wrong-token-5150");

        AssertFails(result, 1, "error: the admin API refused the token (unauthorized)");
        Assert.DoesNotContain("wrong-token-5150", result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task An_unreachable_admin_api_is_one_line_naming_the_address_and_exit_1()
    {
        var result = await Betexec.RunAsync("cluster", "show", "--admin", "http://127.0.0.1:9/", "--token", "secret-never-printed");

        AssertFails(result, 1, "error: cannot reach the admin API at http://127.0.0.1:9/");
        Assert.DoesNotContain("secret-never-printed", result.Stderr);
    }

    private static void AssertFails(ProcessResult result, int exitCode, string message)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit code {exitCode}\n{result}");
        Assert.True(result.Stderr.Contains(message, StringComparison.Ordinal), $"standard error should say '{message}'\n{result}");
        Assert.True(result.Stdout.Length == 0, $"standard output should be empty\n{result}");
        Assert.Equal(1, result.Stderr.Split('\n').Count(l => l.StartsWith("error:", StringComparison.Ordinal)));
        Assert.DoesNotContain("   at ", result.Stderr);
        Assert.DoesNotContain("Exception", result.Stderr);
    }
}
