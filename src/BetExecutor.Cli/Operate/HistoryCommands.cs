using System.CommandLine;
using System.Text.Json;
using BetExecutor.Cli.Operate.Rendering;

namespace BetExecutor.Cli.Operate;

/// <summary><c>betexec pair show PAIR</c> and <c>betexec signal show IDENTITY SIGNAL_ID</c>: what happened, event by event.</summary>
public static class HistoryCommands
{
    public static Command Pair()
    {
        var pair = new Argument<string>("PAIR") { Description = ExposureCommands.PairHelp };
        return OperatorCommand.Group("pair", "A pair's history.",
            OperatorCommand.Create("show", "Every event of the pair with its time, node and incarnation, operator actions included.", async (call, cancel) =>
            {
                var (identity, path) = await PairLocator.LocateAsync(call.Admin, Paths.Pair(call.Parse.GetValue(pair)!), "pairs", cancel);
                using var answer = await call.Admin.GetAsync(path, cancel);
                if (call.Json) call.Output.WriteLine(answer.Body);
                else WritePair(answer.Root, call.Output, identity.Key);
                return 0;
            }, pair));
    }

    public static void WritePair(JsonElement root, TextWriter output, string identityKey)
    {
        var events = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : JsonText.Items(root, "events");
        if (root.ValueKind == JsonValueKind.Object)
        {
            var header = new Details().Add("identity", JsonText.Field(root, "identity") is null ? identityKey : JsonText.Text(root, "identity"));
            foreach (var property in root.EnumerateObject().Where(p => p.Name is not ("identity" or "events" or "operatorActions")))
                header.Add(ObjectTable.Header(property.Name).ToLowerInvariant(), JsonText.Show(property.Value));
            header.Write(output);
            output.WriteLine();
            if (JsonText.Field(root, "operatorActions") is { ValueKind: JsonValueKind.Array } actions)
            {
                output.WriteLine("operator actions:");
                IdentityCommands.ActionTable(actions.EnumerateArray()).Write(output, "  ");
                output.WriteLine();
            }
        }
        // seqNr counts within its source: the account's journal or the pair's.
        var table = new Table("TIME", "SOURCE", "SEQ", "KIND", "NODE", "INCARNATION", "DETAIL");
        foreach (var e in events)
            table.Add(JsonText.Time(e, "time"), JsonText.Text(e, "source"), JsonText.Text(e, "seqNr"), JsonText.Text(e, "kind"),
                JsonText.Text(e, "node"), JsonText.Text(e, "incarnation"), JsonText.Text(e, "detail"));
        table.Write(output);
    }

    public static Command Signal()
    {
        var identity = new Argument<string>("IDENTITY") { Description = "provider/whitelabel/account" };
        var signalId = new Argument<string>("SIGNAL_ID") { Description = "The signal's id (also its pair's id)." };
        return OperatorCommand.Group("signal", "A signal's decision and its pair.",
            OperatorCommand.Create("show", "The decision, who submitted it and when it was decided, and its pair's state.", async (call, cancel) =>
            {
                var who = Paths.Identity(call.Parse.GetValue(identity)!);
                var id = Paths.Id(call.Parse.GetValue(signalId)!, "SIGNAL_ID");
                using var answer = await call.Admin.GetAsync($"{Paths.Of(who)}/signals/{Paths.Segment(id)}", cancel);
                if (call.Json) call.Output.WriteLine(answer.Body);
                else ExposureCommands.WriteObject(answer.Root, call.Output);
                return 0;
            }, identity, signalId));
    }
}
