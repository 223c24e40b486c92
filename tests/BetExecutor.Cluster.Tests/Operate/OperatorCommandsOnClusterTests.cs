using System.Text.Json;
using System.Text.RegularExpressions;
using BetExecutor.Cluster.Tests.Support;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.LocalCluster;
using Xunit.Abstractions;

namespace BetExecutor.Cluster.Tests.Operate;

/// <summary>
/// Issue 11's "done when": every <c>betexec</c> operator command run as a process against a local cluster (the
/// launcher of scripts/local-cluster: redis-server, the venue simulator, two executors and a gateway, each with its
/// admin API), its table and its <c>--json</c> checked against what the cluster did. One cluster for the whole
/// walk, in the order an operator would go: look, find the exposure, resolve it, halt, the kill switch, and last
/// the membership changes (leave, down) that take nodes away. Bets are counted from the venue's book.
/// </summary>
public sealed class OperatorCommandsOnClusterTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    private static readonly Identity Alice = Identity.Create("bookie", "ops", "alice");
    private static readonly Identity Bob = Identity.Create("bookie", "ops", "bob");
    private static readonly Identity Carol = Identity.Create("bookie", "ops", "carol");

    [Fact]
    public async Task Every_operator_command_answers_from_a_running_cluster_as_a_table_and_as_json()
    {
        await using var rig = await ClusterRig.StartAsync(output, executors: 2);
        var gateway = rig.Cluster.Gateways.Single();
        var betexec = new Betexec(gateway.Spec.AdminUrl.AbsoluteUri, rig.Cluster.AdminToken.Secret);
        var operatorName = rig.Cluster.AdminToken.Name;
        var executors = rig.Executors.Select(n => n.Spec.Address).Order(StringComparer.Ordinal).ToList();

        // A settled pair for alice; bob's hedge refused for good, so his positive stands unhedged: an exposure.
        var settled = new TestSignal("ops-settled", Alice);
        var exposed = new TestSignal("ops-exposed", Bob);
        await rig.ScriptPairAsync(settled);
        await rig.ScriptPairAsync(exposed, hedge: "reject:MARKET_CLOSED", hedgeSettles: SettlementState.Pending);
        await ExecuteAsync(rig, settled);
        await ExecuteAsync(rig, exposed);
        Assert.Equal("settled", (await rig.FinalStateAsync(settled, Within)).PairState);
        Assert.Equal(("exposure", "unhedged"), ((await rig.FinalStateAsync(exposed, Within)) is var s ? (s.PairState, s.ExposureReason) : default));

        await ClusterShowAsync(rig, betexec, gateway);
        await ClusterTailAsync(rig, betexec);
        await ShardingAsync(betexec, executors);
        await IdentitiesAsync(betexec, executors);
        await ExposureResolveAsync(rig, betexec, exposed, operatorName);
        await HistoryAsync(betexec, settled, exposed);
        await HaltAndResumeAsync(rig, betexec, operatorName);
        await KillSwitchAsync(rig, betexec, executors, operatorName);
        await LeaveAndDownAsync(rig, betexec);
        rig.Passed = true;
    }

    private static async Task ClusterShowAsync(ClusterRig rig, Betexec betexec, ClusterNode gateway)
    {
        var table = Ok(await betexec.RunAsync("cluster", "show"));
        foreach (var node in rig.Cluster.Nodes)
        {
            var self = node == gateway ? @" \(this node\)" : "";
            Assert.Matches($@"(?m)^{Regex.Escape(node.Spec.Address)}{self}\s+{node.Spec.Roles[0]}\s+up\s+yes\s", table.Stdout);
        }
        Assert.Matches(@"(?m)^unreachable:\s+none$", table.Stdout);

        using var json = Json(await betexec.RunAsync("cluster", "show", "--json"));
        var members = json.RootElement.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(rig.Cluster.Nodes.Select(n => n.Spec.Address).Order(StringComparer.Ordinal), members.Select(m => m.GetProperty("address").GetString()));
        Assert.All(members, m => Assert.Equal(("up", true), (m.GetProperty("status").GetString(), m.GetProperty("reachable").GetBoolean())));
        Assert.Equal(gateway.Spec.Address, json.RootElement.GetProperty("self").GetString());
        var leader = json.RootElement.GetProperty("leader").GetString();
        Assert.Matches($@"(?m)^leader:\s+{Regex.Escape(leader!)}$", table.Stdout);

        // The cluster file names the first node's admin API and the token: another node answers the same membership.
        using var fromFile = Json(await betexec.RunAsync("cluster", "show", "--json", "--cluster-file", rig.Cluster.ClusterFilePath));
        Assert.Equal(rig.Cluster.Nodes[0].Spec.Address, fromFile.RootElement.GetProperty("self").GetString());
        Assert.Equal(members.Count, fromFile.RootElement.GetProperty("members").GetArrayLength());
    }

    private static async Task ClusterTailAsync(ClusterRig rig, Betexec betexec)
    {
        var count = rig.Cluster.Nodes.Count;
        var table = await betexec.RunUntilInterruptedAsync(lines => lines.Count(l => l.Contains("member-state", StringComparison.Ordinal)) >= count, "cluster", "tail");
        Assert.True(table.ExitCode == 0, $"Ctrl-C ends the tail with exit 0\n{table}");
        foreach (var node in rig.Cluster.Nodes)
            Assert.Matches($@"(?m)^\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\dZ\s+member-state\s+{Regex.Escape(node.Spec.Address)}\s+up$", table.Stdout);

        var json = await betexec.RunUntilInterruptedAsync(lines => lines.Count >= count, "cluster", "tail", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        var states = json.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(count).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(states, e => Assert.Equal("member-state", e.GetProperty("kind").GetString()));
        Assert.Equal(rig.Cluster.Nodes.Select(n => n.Spec.Address).Order(StringComparer.Ordinal),
            states.Select(e => e.GetProperty("address").GetString()).Order(StringComparer.Ordinal));
    }

    private static async Task ShardingAsync(Betexec betexec, List<string> executors)
    {
        var regions = Ok(await betexec.RunAsync("sharding", "regions"));
        foreach (var executor in executors) Assert.Matches($@"(?m)^{Regex.Escape(executor)}\s+executor\s+\d+\s+\d+$", regions.Stdout);
        using var regionsJson = Json(await betexec.RunAsync("sharding", "regions", "--json"));
        Assert.Equal(executors, regionsJson.RootElement.EnumerateArray().Select(r => r.GetProperty("address").GetString()));

        var stats = Ok(await betexec.RunAsync("sharding", "stats"));
        using var statsJson = Json(await betexec.RunAsync("sharding", "stats", "--json"));
        var totalIdentities = statsJson.RootElement.GetProperty("totalIdentities").GetInt32();
        var totalShards = statsJson.RootElement.GetProperty("totalShards").GetInt32();
        Assert.True(totalIdentities >= 2, $"alice and bob run: {statsJson.RootElement}");
        Assert.Equal(totalIdentities, statsJson.RootElement.GetProperty("regions").EnumerateArray()
            .Sum(r => r.GetProperty("shards").EnumerateArray().Sum(s => s.GetProperty("identities").GetInt32())));
        Assert.Contains($"total: {totalShards} shards, {totalIdentities} identities", stats.Stdout);

        var where = Ok(await betexec.RunAsync("sharding", "where", Alice.Key));
        using var whereJson = Json(await betexec.RunAsync("sharding", "where", Alice.Key, "--json"));
        Assert.True(whereJson.RootElement.GetProperty("started").GetBoolean(), whereJson.RootElement.ToString());
        var host = whereJson.RootElement.GetProperty("node").GetString();
        Assert.Contains(host, executors);
        Assert.Matches($@"(?m)^node:\s+{Regex.Escape(host!)}$", where.Stdout);
        Assert.Matches($@"(?m)^shard:\s+{Regex.Escape(whereJson.RootElement.GetProperty("shardId").GetString()!)}$", where.Stdout);

        var nobody = Ok(await betexec.RunAsync("sharding", "where", "bookie/ops/nobody"));
        Assert.Matches(@"(?m)^node:\s+not started$", nobody.Stdout);
    }

    private static async Task IdentitiesAsync(Betexec betexec, List<string> executors)
    {
        var list = Ok(await betexec.RunAsync("identity", "list"));
        Assert.Matches($@"(?m)^{Regex.Escape(Alice.Key)}\s+-\s+-\s+0\s+0\s+no\s+no\s+no$", list.Stdout);
        Assert.Matches($@"(?m)^{Regex.Escape(Bob.Key)}\s+-\s+-\s+0\s+1\s+no\s+no\s+no$", list.Stdout);
        using var listJson = Json(await betexec.RunAsync("identity", "list", "--json"));
        Assert.Contains(Bob.Key, Keys(listJson));
        Assert.Contains(Alice.Key, Keys(listJson));

        var exposed = Ok(await betexec.RunAsync("identity", "list", "--exposed"));
        Assert.Contains(Bob.Key, exposed.Stdout);
        Assert.DoesNotContain(Alice.Key, exposed.Stdout);
        using var exposedJson = Json(await betexec.RunAsync("identity", "list", "--exposed", "--json"));
        Assert.Equal([Bob.Key], Keys(exposedJson));

        var show = Ok(await betexec.RunAsync("identity", "show", Bob.Key));
        Assert.Matches(@"(?m)^  ops-exposed\s+unhedged\s+open\s", show.Stdout);
        Assert.Matches(@"(?m)^halted:\s+no$", show.Stdout);
        Assert.Matches(@"(?m)^last event:\s+#\d+ \S+ at \d{4}-", show.Stdout);
        using var showJson = Json(await betexec.RunAsync("identity", "show", Bob.Key, "--json"));
        Assert.Equal("open", showJson.RootElement.GetProperty("exposures")[0].GetProperty("status").GetString());
        Assert.Contains(showJson.RootElement.GetProperty("node").GetString(), executors);
        Assert.Matches($@"(?m)^node:\s+\S+ \({Regex.Escape(showJson.RootElement.GetProperty("node").GetString()!)}\)$", show.Stdout);

        var unknown = await betexec.RunAsync("identity", "show", "bookie/ops/nobody");
        Refused(unknown, 1, "error: not found:");
    }

    private static async Task ExposureResolveAsync(ClusterRig rig, Betexec betexec, TestSignal exposed, string operatorName)
    {
        var open = Ok(await betexec.RunAsync("exposure", "list", "--open"));
        Assert.Matches($@"(?m)^{Regex.Escape(Bob.Key)}\s+ops-exposed\s+unhedged\s+open\s+\d{{4}}-\S+ \S+Z\s+\d{{4}}-\S+ \S+Z\s+-$", open.Stdout);
        using var openJson = Json(await betexec.RunAsync("exposure", "list", "--open", "--json"));
        Assert.Equal(["ops-exposed"], openJson.RootElement.EnumerateArray().Select(e => e.GetProperty("pairId").GetString()));

        // A bare pair id: the only identity holding it is found.
        var show = Ok(await betexec.RunAsync("exposure", "show", "ops-exposed"));
        Assert.Matches(@"(?m)^reason:\s+unhedged: ", show.Stdout);
        Assert.Matches(@"(?m)^status:\s+open$", show.Stdout);
        Assert.Matches(@"(?m)^hedge:\s+no bet \(asked ", show.Stdout);

        var noReason = await betexec.RunAsync("exposure", "resolve", $"{Bob.Key}/ops-exposed");
        Refused(noReason, 2, "error: --reason: required");

        const string Reason = "hedged by hand at the exchange";
        var resolve = Ok(await betexec.RunAsync("exposure", "resolve", $"{Bob.Key}/ops-exposed", "--reason", Reason));
        Assert.Matches($@"^resolved the exposure of pair ops-exposed of {Regex.Escape(Bob.Key)} by {operatorName} at \S+ \S+Z: {Reason}\n", resolve.Stdout);
        Assert.Matches($@"(?m)^status:\s+resolved by {operatorName} at \S+ \S+Z: {Reason}$", resolve.Stdout);

        using var after = Json(await betexec.RunAsync("exposure", "show", $"{Bob.Key}/ops-exposed", "--json"));
        Assert.Equal(("resolved", operatorName, Reason),
            (after.RootElement.GetProperty("status").GetString(), after.RootElement.GetProperty("resolvedBy").GetString(), after.RootElement.GetProperty("resolution").GetString()));

        var again = await betexec.RunAsync("exposure", "resolve", "ops-exposed", "--reason", "twice");
        Refused(again, 1, "error: refused:");

        var all = Ok(await betexec.RunAsync("exposure", "list"));
        Assert.Matches($@"(?m)^{Regex.Escape(Bob.Key)}\s+ops-exposed\s+unhedged\s+resolved\s.*{operatorName}: {Reason}$", all.Stdout);
        using var nowOpen = Json(await betexec.RunAsync("exposure", "list", "--open", "--json"));
        Assert.Equal(0, nowOpen.RootElement.GetArrayLength());

        // Resolved, bob takes signals again.
        var next = new TestSignal("ops-after-resolve", Bob);
        await rig.ScriptPairAsync(next);
        await ExecuteAsync(rig, next);
        Assert.Equal("settled", (await rig.FinalStateAsync(next, Within)).PairState);
        Assert.Equal(1, (await rig.BookAsync()).Attempts(exposed.PositiveReference));
    }

    private static async Task HistoryAsync(Betexec betexec, TestSignal settled, TestSignal exposed)
    {
        var pair = Ok(await betexec.RunAsync("pair", "show", $"{Bob.Key}/{exposed.SignalId}"));
        Assert.Matches(@"(?m)^TIME\s+SOURCE\s+SEQ\s+KIND\s+NODE\s+INCARNATION\s+DETAIL$", pair.Stdout);
        Assert.Matches(@"(?m)^\S+ \S+Z\s+account\s+\d+\s+account\.exposure-opened\.v1\s+executor-\d\s+\S+", pair.Stdout);
        Assert.Matches(@"(?m)^\S+ \S+Z\s+account\s+\d+\s+account\.exposure-resolved\.v1\s+executor-\d\s+\S+", pair.Stdout);
        using var pairJson = Json(await betexec.RunAsync("pair", "show", exposed.SignalId, "--json"));
        var kinds = pairJson.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Contains("account.exposure-resolved.v1", kinds);
        Assert.Contains(kinds, k => k!.StartsWith("pair.", StringComparison.Ordinal));

        var signal = Ok(await betexec.RunAsync("signal", "show", Alice.Key, settled.SignalId));
        Assert.Matches(@"(?m)^decision:\s+executed$", signal.Stdout);
        Assert.Matches(@"(?m)^pair\.state:\s+settled$", signal.Stdout);
        using var signalJson = Json(await betexec.RunAsync("signal", "show", Alice.Key, settled.SignalId, "--json"));
        Assert.Equal(("executed", "settled"),
            (signalJson.RootElement.GetProperty("decision").GetString(), signalJson.RootElement.GetProperty("pair").GetProperty("state").GetString()));
    }

    private static async Task HaltAndResumeAsync(ClusterRig rig, Betexec betexec, string operatorName)
    {
        var halt = Ok(await betexec.RunAsync("halt", Alice.Key, "--reason", "venue maintenance"));
        Assert.Matches($@"^halted {Regex.Escape(Alice.Key)} by {operatorName} at \S+ \S+Z: venue maintenance\n", halt.Stdout);
        var show = Ok(await betexec.RunAsync("identity", "show", Alice.Key));
        Assert.Matches($@"(?m)^halted:\s+yes: venue maintenance \(by {operatorName} at ", show.Stdout);
        Assert.Matches($@"(?m)^  \d+\s+\S+ \S+Z\s+halt\s+{operatorName}\s.*venue maintenance$", show.Stdout);
        var halted = Ok(await betexec.RunAsync("identity", "list", "--halted"));
        Assert.Contains(Alice.Key, halted.Stdout);

        var refused = new TestSignal("ops-while-halted", Alice);
        var answer = await rig.Gateway.PostAsync(refused);
        Assert.True(answer is { Decision: "rejected", Reason: "halted" }, $"a halted identity refuses signals: {answer}");
        Refused(await betexec.RunAsync("halt", Alice.Key, "--reason", "twice"), 1, "error: refused:");

        using var resume = Json(await betexec.RunAsync("resume", Alice.Key, "--reason", "maintenance over", "--json"));
        Assert.Equal(("resume", operatorName), (resume.RootElement.GetProperty("action").GetString(), resume.RootElement.GetProperty("by").GetString()));
        Assert.Matches(@"(?m)^halted:\s+no$", Ok(await betexec.RunAsync("identity", "show", Alice.Key)).Stdout);
        Assert.Equal(0, (await rig.BookAsync()).Requests(refused.PositiveReference));
    }

    private static async Task KillSwitchAsync(ClusterRig rig, Betexec betexec, List<string> executors, string operatorName)
    {
        using var halt = Json(await betexec.RunAsync("halt", "--all", "--reason", "incident 42", "--json"));
        Assert.True(halt.RootElement.GetProperty("halted").GetBoolean(), halt.RootElement.ToString());
        Assert.Equal(executors, halt.RootElement.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("address").GetString()).Order(StringComparer.Ordinal));

        var stopped = new TestSignal("ops-under-kill-switch", Carol);
        var answer = await rig.Gateway.PostAsync(stopped);
        Assert.True(answer is { Decision: "rejected", Reason: "halted-globally" }, $"the kill switch refuses every new signal: {answer}");
        Refused(await betexec.RunAsync("halt", "--all", "--reason", "twice"), 1, "error: refused:");
        Assert.Matches(@"(?m)^halted globally:\s+yes: incident 42 \(by ", Ok(await betexec.RunAsync("identity", "show", Alice.Key)).Stdout);

        var resume = Ok(await betexec.RunAsync("resume", "--all", "--reason", "incident 42 closed"));
        Assert.Matches($@"^resumed every identity \(kill switch\) by {operatorName} at \S+ \S+Z: incident 42 closed\n", resume.Stdout);
        foreach (var executor in executors) Assert.Matches($@"(?m)^{Regex.Escape(executor)}\s+(yes|no)$", resume.Stdout);

        var after = new TestSignal("ops-after-kill-switch", Carol);
        await rig.ScriptPairAsync(after);
        await ExecuteAsync(rig, after);
        var book = await rig.BookAsync();
        Assert.Equal((0, 1), (book.Requests(stopped.PositiveReference), book.Attempts(after.PositiveReference)));
    }

    private static async Task LeaveAndDownAsync(ClusterRig rig, Betexec betexec)
    {
        Refused(await betexec.RunAsync("cluster", "down", "akka.tcp://betexecutor@127.0.0.1:1"), 1, "error: not found:");

        var (first, second) = (rig.Cluster.Executors.First(), rig.Cluster.Executors.Last());
        var leave = Ok(await betexec.RunAsync("cluster", "leave", second.Spec.Address));
        Assert.Equal($"leave requested for {second.Spec.Address}\n", leave.Stdout);
        await rig.UntilAsync(async () => !await IsUpAsync(betexec, second.Spec.Address), Within, $"{second.Name} leaves");

        using var down = Json(await betexec.RunAsync("cluster", "down", first.Spec.Address, "--json"));
        Assert.Equal(("down", first.Spec.Address), (down.RootElement.GetProperty("action").GetString(), down.RootElement.GetProperty("address").GetString()));
        await rig.UntilAsync(async () => !await IsUpAsync(betexec, first.Spec.Address), Within, $"{first.Name} is downed");
    }

    /// <summary>Whether the member is still listed as up (a member leaving, exiting, down or removed is not).</summary>
    private static async Task<bool> IsUpAsync(Betexec betexec, string address)
    {
        using var json = Json(await betexec.RunAsync("cluster", "show", "--json"));
        return json.RootElement.GetProperty("members").EnumerateArray()
            .Any(m => m.GetProperty("address").GetString() == address && m.GetProperty("status").GetString() == "up");
    }

    private static async Task ExecuteAsync(ClusterRig rig, TestSignal signal)
    {
        var answer = await rig.Gateway.PostAsync(signal);
        Assert.True(answer is { Decision: "executed" }, $"POST {signal}: expected executed, got {answer}\n{rig.LogTails()}");
    }

    private static List<string?> Keys(JsonDocument identities) =>
        identities.RootElement.EnumerateArray().Select(i => i.GetProperty("identity").GetString()).ToList();

    private static BetexecResult Ok(BetexecResult result)
    {
        Assert.True(result.ExitCode == 0 && result.Stderr.Length == 0, $"expected exit 0 and nothing on standard error\n{result}");
        return result;
    }

    private static JsonDocument Json(BetexecResult result) => JsonDocument.Parse(Ok(result).Stdout);

    private static void Refused(BetexecResult result, int exitCode, string message)
    {
        Assert.True(result.ExitCode == exitCode && result.Stdout.Length == 0 && result.Stderr.StartsWith(message, StringComparison.Ordinal),
            $"expected exit {exitCode}, '{message}…' on standard error and nothing on standard output\n{result}");
        Assert.DoesNotContain("   at ", result.Stderr);
    }
}
