using System.Text.Json;
using BetExecutor.Cli.Operate;
using BetExecutor.Cli.Operate.Rendering;

namespace BetExecutor.Cli.Tests.Operate;

/// <summary>How answers in the documented shape print as tables: every field an operator needs is on screen, aligned.</summary>
public sealed class RenderingTests
{
    private static string Render(string json, Action<JsonElement, TextWriter> write)
    {
        using var document = JsonDocument.Parse(json);
        using var output = new StringWriter();
        write(document.RootElement, output);
        return output.ToString();
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    [Fact]
    public void Cluster_show_lists_each_member_with_roles_status_reachability_leader_and_up_since()
    {
        var lines = Lines(Render(CannedAnswers.Cluster, ClusterCommands.WriteMembers));

        Assert.Matches(@"^ADDRESS\s+ROLES\s+STATUS\s+REACHABLE\s+LEADER\s+UP SINCE$", lines[0]);
        Assert.Matches(@"^akka\.tcp://bet-executor@127\.0\.0\.1:4053 \(this node\)\s+executor\s+up\s+yes\s+leader\s+2026-11-30 08:00:01Z$", lines[1]);
        Assert.Matches(@"^akka\.tcp://bet-executor@127\.0\.0\.1:4054\s+gateway\s+up\s+no\s+-\s+-$", lines[2]);
        Assert.Contains(lines, l => l.StartsWith("unreachable:", StringComparison.Ordinal) && l.EndsWith(CannedAnswers.NodeB, StringComparison.Ordinal));
        // Columns line up: every row's STATUS starts where the header's does.
        var status = lines[0].IndexOf("STATUS", StringComparison.Ordinal);
        Assert.Equal("up", lines[1].Substring(status, 2));
        Assert.Equal("up", lines[2].Substring(status, 2));
    }

    [Fact]
    public void Sharding_stats_counts_shards_and_identities_per_node_and_lists_shards_in_numeric_order()
    {
        var lines = Lines(Render(CannedAnswers.Stats, ShardingCommands.WriteStats));

        Assert.Matches(@"^akka\.tcp://bet-executor@127\.0\.0\.1:4053\s+2\s+4$", lines[1]);
        Assert.Matches(@"^akka\.tcp://bet-executor@127\.0\.0\.1:4054\s+0\s+0$", lines[2]);
        Assert.Contains("total: 2 shards, 4 identities", lines);
        var shardRows = lines.SkipWhile(l => !l.StartsWith("NODE  ", StringComparison.Ordinal) || !l.Contains("SHARD ", StringComparison.Ordinal)).Skip(1).ToArray();
        Assert.Matches(@"4053\s+2\s+3$", shardRows[0]);
        Assert.Matches(@"4053\s+10\s+1$", shardRows[1]);
    }

    [Fact]
    public void Identity_show_says_why_it_is_halted_and_lists_its_exposures_and_operator_actions()
    {
        var text = Render(CannedAnswers.Identity, (root, output) => IdentityCommands.WriteShow(root, output, "bookie/brand1/alice"));
        var lines = Lines(text);

        Assert.Matches(@"^halted:\s+yes: venue maintenance \(by alice-ops at 2026-11-30 08:20:00Z\)$", lines.Single(l => l.StartsWith("halted:", StringComparison.Ordinal)));
        Assert.Matches(@"^halted globally:\s+no$", lines.Single(l => l.StartsWith("halted globally:", StringComparison.Ordinal)));
        Assert.Matches(@"^cooldown until:\s+2026-11-30 08:16:00Z$", lines.Single(l => l.StartsWith("cooldown until:", StringComparison.Ordinal)));
        Assert.Matches(@"^node:\s+node-a \(akka\.tcp://bet-executor@127\.0\.0\.1:4053\)$", lines.Single(l => l.StartsWith("node:", StringComparison.Ordinal)));
        Assert.Matches(@"^pairs in flight:\s+sig-8$", lines.Single(l => l.StartsWith("pairs in flight:", StringComparison.Ordinal)));
        Assert.Matches(@"^limits:\s+stake none to 100\.0 \(step 0\.01\), open pairs none", lines.Single(l => l.StartsWith("limits:", StringComparison.Ordinal)));
        Assert.Matches(@"^last event:\s+#17 account\.halted\.v1 at 2026-11-30 08:20:00Z$", lines.Single(l => l.StartsWith("last event:", StringComparison.Ordinal)));
        Assert.Contains(lines, l => l.StartsWith("  sig-7", StringComparison.Ordinal) && l.Contains("hedge-rejected", StringComparison.Ordinal) && l.Contains("open", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  17", StringComparison.Ordinal) && l.Contains("halt", StringComparison.Ordinal)
            && l.Contains("alice-ops", StringComparison.Ordinal) && l.EndsWith("venue maintenance", StringComparison.Ordinal));
    }

    [Fact]
    public void Exposure_list_shows_identity_pair_reason_status_and_times_and_an_empty_list_says_none()
    {
        var lines = Lines(Render($"[{CannedAnswers.Exposure}]",
            (root, output) => ExposureCommands.ExposureTable(root.EnumerateArray(), withIdentity: true).Write(output)));

        Assert.Matches(@"^IDENTITY\s+PAIR\s+REASON\s+STATUS\s+RAISED\s+EXPIRES\s+RESOLVED BY$", lines[0]);
        Assert.Matches(@"^bookie/brand1/alice\s+sig-7\s+hedge-rejected\s+open\s+2026-11-30 08:15:00Z\s+2026-12-01 08:15:00Z\s+-$", lines[1]);

        var empty = Lines(Render("[]", (root, output) => ExposureCommands.ExposureTable(root.EnumerateArray(), withIdentity: true).Write(output)));
        Assert.Equal(["IDENTITY  PAIR  REASON  STATUS  RAISED  EXPIRES  RESOLVED BY", "(none)"], empty);
    }

    [Fact]
    public void A_cell_never_breaks_its_row_and_missing_fields_show_as_a_dash()
    {
        using var output = new StringWriter();
        new Table("A", "B").Add("two\nlines", null).Write(output);

        Assert.Equal(["A          B", "two lines  -"], Lines(output.ToString()));
    }

    [Fact]
    public void Cluster_tail_prints_each_event_as_a_line_of_time_kind_address_and_status()
    {
        Assert.Equal("2026-11-30 08:15:02Z  member-up        akka.tcp://bet-executor@127.0.0.1:4054  up",
            ClusterCommands.EventLine("""{"time": "2026-11-30T08:15:02.345Z", "kind": "member-up", "address": "akka.tcp://bet-executor@127.0.0.1:4054", "status": "up", "roles": ["executor"]}"""));
        Assert.Equal("2026-11-30 08:15:09Z  leader-changed   -",
            ClusterCommands.EventLine("""{"time": "2026-11-30T08:15:09.000Z", "kind": "leader-changed", "address": null, "status": null}"""));
        Assert.Equal("not json", ClusterCommands.EventLine("not json"));
    }
}
