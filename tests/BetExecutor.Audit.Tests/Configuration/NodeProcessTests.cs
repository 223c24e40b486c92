using BetExecutor.Persistence.Redis.Tests.Infrastructure;

namespace BetExecutor.Audit.Tests.Configuration;

/// <summary>
/// The node process as a user starts it: whatever they get wrong ends in one line on standard error naming the
/// problem, exit 2 for bad usage or configuration and 1 for a failure at run time, never a stack trace.
/// </summary>
public sealed class NodeProcessTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("betexecutor-node-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static Dictionary<string, string> Env(params (string Name, string Value)[] variables)
    {
        var environment = new Dictionary<string, string> { ["BETEXECUTOR_VENUE"] = "simulator", ["BETEXECUTOR_NODE"] = "test-node" };
        foreach (var (name, value) in variables) environment[name] = value;
        return environment;
    }

    private string HoconFile(string text)
    {
        var path = Path.Combine(_directory, $"{Guid.NewGuid():N}.conf");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Exactly one line on stderr, starting "error: " and naming <paramref name="setting"/>; no stack trace.</summary>
    private static void AssertOneLine(NodeRun run, int exitCode, string setting)
    {
        Assert.True(exitCode == run.ExitCode, $"exit {run.ExitCode}, expected {exitCode}; stderr:\n{run.Stderr}");
        var line = Assert.Single(run.StderrLines);
        Assert.StartsWith("error: ", line);
        Assert.Contains(setting, line);
        Assert.DoesNotContain("   at ", run.Stderr + run.Stdout);
        Assert.DoesNotContain("Exception", line);
    }

    [Fact]
    public async Task Help_prints_every_environment_variable_and_exits_0()
    {
        await using var run = await NodeRun.ExitOfAsync(Env(), "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var variable in new[] { "BETEXECUTOR_VENUE", "BETEXECUTOR_REDIS", "BETEXECUTOR_NODE", "BETEXECUTOR_HOST", "BETEXECUTOR_PORT",
                     "BETEXECUTOR_SEEDS", "BETEXECUTOR_TLS_CERT", "BETEXECUTOR_HOCON", "BETEXECUTOR_LOG", "BETEXECUTOR_LOG_LEVEL", "BETEXECUTOR_FEED",
                     "BETEXECUTOR_ROLES", "BETEXECUTOR_BIND_HOST", "BETEXECUTOR_GATEWAY_LISTEN", "BETEXECUTOR_GATEWAY_KEYS" })
            Assert.Contains(variable, run.Stdout);
    }

    [Fact]
    public async Task An_unknown_argument_is_bad_usage()
    {
        await using var run = await NodeRun.ExitOfAsync(Env(), "--port", "4053");

        AssertOneLine(run, 2, "--help");
    }

    [Theory]
    [InlineData("BETEXECUTOR_SEEDS", "not a uri")]
    [InlineData("BETEXECUTOR_SEEDS", "akka.tcp://betexecutor@127.0.0.1")]
    [InlineData("BETEXECUTOR_SEEDS", "akka.tcp://other@127.0.0.1:4053")]
    [InlineData("BETEXECUTOR_SEEDS", "http://127.0.0.1:4053")]
    [InlineData("BETEXECUTOR_PORT", "70000")]
    [InlineData("BETEXECUTOR_VENUE", "ftp://venue")]
    [InlineData("BETEXECUTOR_REDIS", "127.0.0.1:6379,nonsense=1")]
    [InlineData("BETEXECUTOR_REDIS", "redis://")]
    [InlineData("BETEXECUTOR_LOG", "xml")]
    [InlineData("BETEXECUTOR_FEED", "kafka")]
    [InlineData("BETEXECUTOR_HOCON", "/nonexistent/node.conf")]
    [InlineData("BETEXECUTOR_HOST", "0.0.0.0")]
    [InlineData("BETEXECUTOR_HOST", "192.0.2.10")]
    [InlineData("BETEXECUTOR_TLS_CERT", "/nonexistent/cluster.pfx")]
    [InlineData("BETEXECUTOR_ROLES", "worker")]
    [InlineData("BETEXECUTOR_ROLES", "executor,executor")]
    [InlineData("BETEXECUTOR_ROLES", "executor,")]
    [InlineData("BETEXECUTOR_BIND_HOST", "0.0.0.0")]
    [InlineData("BETEXECUTOR_BIND_HOST", "192.0.2.10")]
    [InlineData("BETEXECUTOR_BIND_HOST", "127.0.0.1:4053")]
    [InlineData("BETEXECUTOR_HOST", "http://node1")]
    public async Task A_bad_environment_variable_stops_the_node_with_one_line_naming_it(string variable, string value)
    {
        await using var run = await NodeRun.ExitOfAsync(Env((variable, value)));

        AssertOneLine(run, 2, variable);
    }

    [Fact]
    public async Task A_non_loopback_bind_without_TLS_is_refused_and_says_how_to_fix_it()
    {
        await using var run = await NodeRun.ExitOfAsync(Env(("BETEXECUTOR_HOST", "0.0.0.0")));

        AssertOneLine(run, 2, "BETEXECUTOR_HOST");
        Assert.Contains("TLS", run.Stderr);
        Assert.Contains("BETEXECUTOR_TLS_CERT", run.Stderr);
    }

    [Theory]
    [InlineData("bet-executor { max-stak = 10 }", "bet-executor.max-stak")]
    [InlineData("bet-executor { shards = 0 }", "bet-executor.shards")]
    [InlineData("bet-executor { cooldown = -5s }", "bet-executor.cooldown")]
    [InlineData("bet-executor.limits.default { max-stake = -1 }", "bet-executor.limits.default.max-stake")]
    [InlineData("bet-executor { cooldown = 60s ", "BETEXECUTOR_HOCON")]
    [InlineData("bet-executor { cooldown = 60s } }\nbet-executor.max-stak = 1", "BETEXECUTOR_HOCON")]
    [InlineData("bet-executor { cooldown = [ }", "BETEXECUTOR_HOCON")]
    [InlineData("bet-executor { cooldown = \"60s }", "BETEXECUTOR_HOCON")]
    [InlineData("bet-executor { limits.default.dry-run = on ]", "BETEXECUTOR_HOCON")]
    public async Task A_bad_settings_file_stops_the_node_with_one_line_naming_the_setting(string hocon, string setting)
    {
        await using var run = await NodeRun.ExitOfAsync(Env(("BETEXECUTOR_HOCON", HoconFile(hocon))));

        AssertOneLine(run, 2, setting);
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("executor,gateway")]
    public async Task A_node_given_the_gateway_role_without_an_API_key_refuses_to_start(string roles)
    {
        await using var run = await NodeRun.ExitOfAsync(Env(("BETEXECUTOR_ROLES", roles)));

        AssertOneLine(run, 2, "bet-executor.gateway.api-keys");
        Assert.Contains("BETEXECUTOR_GATEWAY_KEYS", run.Stderr);
    }

    [Fact]
    public async Task A_node_without_a_venue_refuses_to_start()
    {
        var environment = Env();
        environment.Remove("BETEXECUTOR_VENUE");
        await using var run = await NodeRun.ExitOfAsync(environment);

        AssertOneLine(run, 2, "BETEXECUTOR_VENUE");
        Assert.Contains("simulator", run.Stderr);
    }

    [Fact]
    public async Task A_node_whose_identities_are_all_dry_run_needs_no_venue_and_says_so()
    {
        var environment = Env(("BETEXECUTOR_HOCON", HoconFile("bet-executor.limits.default.dry-run = on")));
        environment.Remove("BETEXECUTOR_VENUE");
        await using var run = NodeRun.Start(environment);

        Assert.True(await run.SeesAsync("Node test-node started", TimeSpan.FromSeconds(60)), run.Stderr);
        Assert.Contains("venue none: every identity is dry-run", run.Stderr);
    }

    [Fact]
    public async Task The_simulator_is_used_only_when_chosen_and_the_start_line_says_so()
    {
        await using var run = NodeRun.Start(Env(("BETEXECUTOR_VENUE", "simulator")));

        Assert.True(await run.SeesAsync("Node test-node started", TimeSpan.FromSeconds(60)), run.Stderr);
        Assert.Contains("venue the in-process venue simulator", run.Stderr);
    }

    [Fact]
    public async Task A_port_in_use_is_a_run_time_failure_in_one_line_without_a_stack_trace()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        await using var run = await NodeRun.ExitOfAsync(Env(("BETEXECUTOR_PORT", port.ToString())));

        Assert.True(run.ExitCode == 1, $"exit {run.ExitCode}; stderr:\n{run.Stderr}");
        var error = Assert.Single(run.StderrLines, l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Contains("BETEXECUTOR_PORT", error);
        Assert.Contains(port.ToString(), error);
        Assert.DoesNotContain("   at ", run.Stderr + run.Stdout);
    }

    [Fact]
    public async Task An_unreachable_Redis_is_a_run_time_failure_in_one_line()
    {
        var port = RedisServerProcess.FreeLoopbackPort();
        await using var run = await NodeRun.ExitOfAsync(Env(("BETEXECUTOR_REDIS", $"127.0.0.1:{port}")));

        AssertOneLine(run, 1, "BETEXECUTOR_REDIS");
        Assert.Contains($"127.0.0.1:{port}", run.Stderr);
    }
}
