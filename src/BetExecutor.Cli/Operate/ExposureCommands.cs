using System.CommandLine;
using System.Text.Json;
using BetExecutor.Cli.Operate.Rendering;

namespace BetExecutor.Cli.Operate;

/// <summary><c>betexec exposure list [--open] | show PAIR | resolve PAIR --reason TEXT</c>.</summary>
public static class ExposureCommands
{
    public const string PairHelp = "provider/whitelabel/account/pairId, or a pairId held by one identity only";

    public static Command Create()
    {
        var open = new Option<bool>("--open") { Description = "Only exposures still open (neither resolved nor expired)." };
        var showPair = new Argument<string>("PAIR") { Description = PairHelp };
        var resolvePair = new Argument<string>("PAIR") { Description = PairHelp };
        var reason = ReasonOption.Create("Why it is resolved (recorded in the exposure's event with your token's name).");
        return OperatorCommand.Group("exposure", "Exposures: pairs that left money unbalanced; they block their identity until resolved.",
            OperatorCommand.Create("list", "Exposures of every identity: reason, status, raised, expires, who resolved.", (call, cancel) => ListAsync(call, call.Parse.GetValue(open), cancel), open),
            OperatorCommand.Create("show", "One exposure: reason, legs, status, resolution.",
                (call, cancel) => ShowAsync(call, Paths.Pair(call.Parse.GetValue(showPair)!), cancel), showPair),
            OperatorCommand.Create("resolve", "Resolve an open exposure (refused without --reason, or if it is no longer open).",
                (call, cancel) => ResolveAsync(call, Paths.Pair(call.Parse.GetValue(resolvePair)!), ReasonOption.Read(call.Parse, reason), cancel),
                resolvePair, reason));
    }

    private static async Task<int> ListAsync(OperatorCall call, bool open, CancellationToken cancel)
    {
        using var answer = await call.Admin.GetAsync(open ? "exposures?open=true" : "exposures", cancel);
        if (call.Json) call.Output.WriteLine(answer.Body);
        else ExposureTable(answer.Root.ValueKind == JsonValueKind.Array ? answer.Root.EnumerateArray() : JsonText.Items(answer.Root, "exposures"), withIdentity: true).Write(call.Output);
        return 0;
    }

    public static Table ExposureTable(IEnumerable<JsonElement> exposures, bool withIdentity)
    {
        var headers = new[] { "IDENTITY", "PAIR", "REASON", "STATUS", "RAISED", "EXPIRES", "RESOLVED BY" };
        var table = new Table(withIdentity ? headers : headers[1..]);
        foreach (var e in exposures)
        {
            var cells = new[]
            {
                JsonText.Text(e, "identity"), JsonText.Text(e, "pairId"), JsonText.Text(e, "reason"), JsonText.Text(e, "status"),
                JsonText.Time(e, "raisedAt"), JsonText.Time(e, "expiresAt"), ResolvedBy(e),
            };
            table.Add(withIdentity ? cells : cells[1..]);
        }
        return table;
    }

    private static string ResolvedBy(JsonElement exposure) => JsonText.Field(exposure, "resolvedBy") is null
        ? JsonText.None
        : $"{JsonText.Text(exposure, "resolvedBy")}: {JsonText.Text(exposure, "resolution")}";

    private static async Task<int> ShowAsync(OperatorCall call, PairRef pair, CancellationToken cancel)
    {
        var (_, path) = await PairLocator.LocateAsync(call.Admin, pair, "exposures", cancel);
        using var answer = await call.Admin.GetAsync(path, cancel);
        if (call.Json) call.Output.WriteLine(answer.Body);
        else WriteExposure(answer.Root, call.Output);
        return 0;
    }

    /// <summary>One exposure: what happened, its status and both legs, one line each.</summary>
    public static void WriteExposure(JsonElement e, TextWriter output)
    {
        var reason = JsonText.Text(e, "reason");
        var detail = JsonText.Text(e, "detail");
        var status = JsonText.Text(e, "status");
        if (JsonText.Field(e, "resolvedBy") is not null)
            status += $" by {JsonText.Text(e, "resolvedBy")} at {JsonText.Time(e, "resolvedAt")}: {JsonText.Text(e, "resolution")}";
        new Details()
            .Add("identity", JsonText.Text(e, "identity"))
            .Add("pair", JsonText.Text(e, "pairId"))
            .Add("reason", detail is JsonText.None ? reason : $"{reason}: {detail}")
            .Add("status", status)
            .Add("raised", JsonText.Time(e, "raisedAt"))
            .Add("expires", JsonText.Time(e, "expiresAt"))
            .Add("positive", Leg(e, "positive"))
            .Add("hedge", Leg(e, "hedge"))
            .Add("dry run", JsonText.Text(e, "dryRun"))
            .Write(output);
    }

    /// <summary>A leg: the bet the venue took (or none), what was asked, its settlement, reference and identity.</summary>
    private static string Leg(JsonElement exposure, string name)
    {
        if (JsonText.Field(exposure, name) is not { ValueKind: JsonValueKind.Object } leg) return JsonText.None;
        var taken = JsonText.Field(leg, "betId") is null
            ? "no bet"
            : $"bet {JsonText.Text(leg, "betId")}, {JsonText.Text(leg, "acceptedStake")} at {JsonText.Text(leg, "acceptedOdds")} taken";
        return $"{taken} (asked {JsonText.Text(leg, "askedStake")} at {JsonText.Text(leg, "askedOdds")}), settlement {JsonText.Text(leg, "settlement")}, " +
               $"reference {JsonText.Text(leg, "clientReference")}, {JsonText.Text(leg, "identity")}";
    }

    private static async Task<int> ResolveAsync(OperatorCall call, PairRef pair, string reason, CancellationToken cancel)
    {
        var (identity, path) = await PairLocator.LocateAsync(call.Admin, pair, "exposures", cancel);
        using var answer = await call.Admin.PostAsync($"{path}/resolve", new { reason }, cancel);
        if (call.Json) call.Output.WriteLine(answer.Body);
        else
        {
            var root = answer.Root;
            call.Output.WriteLine($"resolved the exposure of pair {pair.PairId} of {identity.Key} by {JsonText.Text(root, "by")} at {JsonText.Time(root, "at")}: {JsonText.Text(root, "reason")}");
            call.Output.WriteLine();
            if (JsonText.Field(root, "exposure") is { ValueKind: JsonValueKind.Object } exposure) WriteExposure(exposure, call.Output);
        }
        return 0;
    }

    /// <summary>Every field of an object, nested objects as <c>positive.stake</c>.</summary>
    public static void WriteObject(JsonElement root, TextWriter output)
    {
        var details = new Details();
        Flatten(root, "", details);
        details.Write(output);
    }

    private static void Flatten(JsonElement element, string prefix, Details details)
    {
        foreach (var property in element.EnumerateObject())
        {
            var label = prefix + property.Name;
            if (property.Value.ValueKind == JsonValueKind.Object) Flatten(property.Value, label + ".", details);
            else details.Add(label, JsonText.Show(property.Value));
        }
    }
}
