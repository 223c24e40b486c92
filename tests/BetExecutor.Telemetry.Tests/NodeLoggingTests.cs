using System.Text.Json;
using BetExecutor.Node.Hosting;
using BetExecutor.Node.Standalone;
using Serilog;
using Serilog.Events;

namespace BetExecutor.Telemetry.Tests;

/// <summary>The node's logger: its format choice, its per-source levels, its context and its redaction in JSON.</summary>
public sealed class NodeLoggingTests
{
    [Theory]
    [InlineData(null, true, true)]
    [InlineData(null, false, false)]
    [InlineData("auto", true, true)]
    [InlineData("auto", false, false)]
    [InlineData("json", false, true)]
    [InlineData("text", true, false)]
    public void The_format_is_json_off_a_terminal_unless_told(string? setting, bool redirected, bool json) =>
        Assert.Equal(json, NodeLogging.JsonFor(setting, redirected));

    [Fact]
    public void A_bad_format_or_level_names_its_variable()
    {
        Assert.Equal("BETEXECUTOR_LOG", Assert.Throws<NodeUsageException>(() => NodeLogging.JsonFor("xml", true)).Setting);
        Assert.Equal("BETEXECUTOR_LOG_LEVELS", Assert.Throws<NodeUsageException>(() => NodeLogging.LevelsFor("Akka=loud")).Setting);
        Assert.Equal("BETEXECUTOR_LOG_LEVELS", Assert.Throws<NodeUsageException>(() => NodeLogging.LevelsFor("Akka")).Setting);
        Assert.Equal([("Akka.Cluster", LogEventLevel.Warning), ("BetExecutor.Coordination.Redis", LogEventLevel.Debug)],
            NodeLogging.LevelsFor("Akka.Cluster=warning, BetExecutor.Coordination.Redis=Debug"));
    }

    [Fact]
    public void Json_lines_carry_the_context_and_mask_secrets_in_their_json_form()
    {
        const string secret = "pa\"ss\\word-42";
        var output = new StringWriter();
        using (var logger = NodeLogging.Create(json: true, LogEventLevel.Information, [], "node-7", [secret], output))
        {
            logger.ForContext("Identity", "bookie/brand1/alice").ForContext("PairId", "s-1").ForContext("SignalId", "s-1")
                .Information("Connecting with {Password}", secret);
            logger.Error(new InvalidOperationException($"refused {secret}"), "It failed");
        }
        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        var first = JsonDocument.Parse(lines[0]).RootElement;
        Assert.Equal("bookie/brand1/alice", first.GetProperty("Identity").GetString());
        Assert.Equal("s-1", first.GetProperty("PairId").GetString());
        Assert.Equal("node-7", first.GetProperty("Node").GetString());
        var second = JsonDocument.Parse(lines[1]).RootElement;
        // Below debug level a failure is its one-line summary, never a stack trace.
        Assert.False(second.TryGetProperty("@x", out _));
        Assert.Contains("refused", second.GetProperty("ExceptionSummary").GetString());
        foreach (var line in lines)
        {
            Assert.DoesNotContain(secret, line);
            Assert.DoesNotContain("pa\\\"ss\\\\word-42", line);
            Assert.DoesNotContain("word-42", line);
        }
    }

    [Fact]
    public void Each_source_logs_from_its_own_level()
    {
        var output = new StringWriter();
        using (var logger = NodeLogging.Create(json: false, LogEventLevel.Information,
                   NodeLogging.LevelsFor("Akka.Cluster=warning,BetExecutor.Coordination.Redis=debug"), "node-7", [], output))
        {
            logger.ForContext("SourceContext", "Akka.Cluster.Cluster").Information("cluster chatter");
            logger.ForContext("SourceContext", "Akka.Cluster.Cluster").Warning("cluster warning");
            logger.ForContext("SourceContext", "BetExecutor.Coordination.Redis.RedisLease").Debug("lease detail");
            logger.ForContext("SourceContext", "BetExecutor.Actors.Accounts.AccountActor").Debug("account detail");
            logger.ForContext("SourceContext", "BetExecutor.Actors.Accounts.AccountActor").Information("account line");
        }
        var text = output.ToString();
        Assert.DoesNotContain("cluster chatter", text);
        Assert.Contains("cluster warning", text);
        Assert.Contains("lease detail", text);
        Assert.DoesNotContain("account detail", text);
        Assert.Contains("account line", text);
        Assert.Contains("node-7", text);
    }
}
