using System.CommandLine;
using System.Text.Json;
using BetExecutor.Cli.Operate.Rendering;

namespace BetExecutor.Cli.Operate;

/// <summary>
/// <c>betexec halt IDENTITY|--all --reason TEXT</c> and <c>betexec resume IDENTITY|--all --reason TEXT</c>. With
/// <c>--all</c> it is the global kill switch: persisted, on every node; a pair already in flight still finishes its
/// hedge.
/// </summary>
public static class ControlCommands
{
    public static Command Halt() => Create("halt",
        "Stop new pairs for one identity, or for all (--all: the kill switch). Pairs in flight still finish their hedge.");

    public static Command Resume() => Create("resume", "Let a halted identity, or all (--all: lift the kill switch), take signals again.");

    private static Command Create(string action, string description)
    {
        var identity = new Argument<string?>("IDENTITY") { Description = "provider/whitelabel/account (or --all)", Arity = ArgumentArity.ZeroOrOne };
        var all = new Option<bool>("--all") { Description = action == "halt" ? "Every identity on every node: the global kill switch." : "Lift the global kill switch." };
        var reason = ReasonOption.Create($"Why (recorded with your token's name).");
        return OperatorCommand.Create(action, description, async (call, cancel) =>
        {
            var key = call.Parse.GetValue(identity);
            var everyone = call.Parse.GetValue(all);
            if (key is null == !everyone)
                throw new OperatorCommand.UsageProblem(everyone ? "IDENTITY: give an identity or --all, not both" : "IDENTITY: give an identity (provider/whitelabel/account) or --all");
            var who = key is null ? null : Paths.Identity(key);
            var text = ReasonOption.Read(call.Parse, reason);
            using var answer = await call.Admin.PostAsync(who is null ? $"{action}-all" : $"{Paths.Of(who)}/{action}", new { reason = text }, cancel);
            if (call.Json) call.Output.WriteLine(answer.Body);
            else
            {
                var target = who?.Key ?? "every identity (kill switch)";
                var root = answer.Root;
                call.Output.WriteLine($"{(action == "halt" ? "halted" : "resumed")} {target} by {JsonText.Text(root, "by")} at {JsonText.Time(root, "at")}: {JsonText.Text(root, "reason")}");
                if (who is null) WriteNodes(root, call.Output);
            }
            return 0;
        }, identity, all, reason);
    }

    /// <summary>Which executors confirmed they apply the switch; one that did not re-reads it and places nothing until it can.</summary>
    private static void WriteNodes(JsonElement root, TextWriter output)
    {
        var table = new Table("NODE", "ACKNOWLEDGED");
        foreach (var node in JsonText.Items(root, "nodes")) table.Add(JsonText.Text(node, "address"), JsonText.Text(node, "acknowledged"));
        output.WriteLine();
        table.Write(output);
    }
}
