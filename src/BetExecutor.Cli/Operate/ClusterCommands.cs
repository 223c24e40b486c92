using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using BetExecutor.Cli.Operate.Rendering;

namespace BetExecutor.Cli.Operate;

/// <summary><c>betexec cluster show | leave ADDRESS | down ADDRESS | tail</c>: Akka.Cluster membership, as the nodes see it.</summary>
public static class ClusterCommands
{
    public static Command Create() => OperatorCommand.Group("cluster", "Cluster membership: members, leaving, downing, events as they happen.",
        OperatorCommand.Create("show", "Members with roles, status, reachability and up-since; the leader; who is unreachable.", ShowAsync),
        MembershipChange("leave", "Ask a member to leave the cluster gracefully (its shards hand over first)."),
        MembershipChange("down", "Mark a member down (it is removed; use only for a member that is gone or unreachable)."),
        OperatorCommand.EndingOnInterrupt(
            OperatorCommand.Create("tail", "Print membership and reachability events as they happen, until Ctrl-C (which ends it with exit 0).", TailAsync)));

    private static async Task<int> ShowAsync(OperatorCall call, CancellationToken cancel)
    {
        using var answer = await call.Admin.GetAsync("cluster", cancel);
        if (call.Json) call.Output.WriteLine(answer.Body);
        else WriteMembers(answer.Root, call.Output);
        return 0;
    }

    public static void WriteMembers(JsonElement cluster, TextWriter output)
    {
        var table = new Table("ADDRESS", "ROLES", "STATUS", "REACHABLE", "LEADER", "UP SINCE");
        foreach (var member in JsonText.Items(cluster, "members"))
        {
            var self = JsonText.Flag(member, "isSelf") ? " (this node)" : "";
            table.Add(JsonText.Text(member, "address") + self, JsonText.Text(member, "roles"), JsonText.Text(member, "status"),
                JsonText.Text(member, "reachable"), JsonText.Flag(member, "isLeader") ? "leader" : "", JsonText.Time(member, "upSince"));
        }
        table.Write(output);
        output.WriteLine();
        new Details()
            .Add("leader", JsonText.Text(cluster, "leader"))
            .Add("answered by", JsonText.Text(cluster, "self"))
            .Add("unreachable", JsonText.Text(cluster, "unreachable") is JsonText.None ? "none" : JsonText.Text(cluster, "unreachable"))
            .Write(output);
    }

    private static Command MembershipChange(string action, string description)
    {
        var address = new Argument<string>("ADDRESS") { Description = "The member's address, as cluster show prints it (akka.tcp://system@host:port)." };
        return OperatorCommand.Create(action, description, async (call, cancel) =>
        {
            var target = call.Parse.GetValue(address)!.Trim();
            if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || !uri.Scheme.StartsWith("akka", StringComparison.Ordinal))
                throw new OperatorCommand.UsageProblem($"ADDRESS: '{target}' is not a member address of the form akka.tcp://system@host:port");
            using var answer = await call.Admin.PostAsync($"cluster/{action}", new { address = target }, cancel);
            if (call.Json) call.Output.WriteLine(answer.Body);
            else call.Output.WriteLine($"{JsonText.Text(answer.Root, "action")} requested for {JsonText.Text(answer.Root, "address")}");
            return 0;
        }, address);
    }

    /// <summary>
    /// The stream starts with the current members, then one line per event. Ctrl-C ends it: exit 0. A stream the
    /// server ends (its node stopping) is a failure: exit 1, so a script watching it notices.
    /// </summary>
    private static async Task<int> TailAsync(OperatorCall call, CancellationToken cancel)
    {
        using var interrupted = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        ConsoleCancelEventHandler onCtrlC = (_, e) =>
        {
            e.Cancel = true; // ends the stream below, not the process
            interrupted.Cancel();
        };
        Console.CancelKeyPress += onCtrlC;
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            interrupted.Cancel();
        });
        try
        {
            await foreach (var line in call.Admin.StreamLinesAsync("cluster/events", interrupted.Token))
            {
                call.Output.WriteLine(call.Json ? line : EventLine(line));
                call.Output.Flush();
            }
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            return 0;
        }
        finally
        {
            Console.CancelKeyPress -= onCtrlC;
        }
        if (interrupted.IsCancellationRequested) return 0;
        return Usage.RunFailure("the admin API ended the event stream (its node stopping?)");
    }

    /// <summary>One event as a fixed-width line: time, kind, address, status.</summary>
    public static string EventLine(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var e = document.RootElement;
            var kind = JsonText.Text(e, "kind");
            // The stream's first lines are the current members: shown as such, with their status.
            if (kind is JsonText.None && JsonText.Field(e, "address") is not null) kind = "member";
            return string.Join("  ", JsonText.Time(e, "time").PadRight(20), kind.PadRight(15), JsonText.Text(e, "address"),
                JsonText.Text(e, "status") is var status && status != JsonText.None ? status : "").TrimEnd();
        }
        catch (JsonException)
        {
            return json;
        }
    }
}
