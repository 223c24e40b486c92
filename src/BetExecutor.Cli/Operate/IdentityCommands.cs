using System.CommandLine;
using System.Text.Json;
using BetExecutor.Cli.Operate.Rendering;

namespace BetExecutor.Cli.Operate;

/// <summary><c>betexec identity show IDENTITY | list [--cooling|--exposed|--halted|--limited]</c>.</summary>
public static class IdentityCommands
{
    private static readonly string[] Filters = ["cooling", "exposed", "halted", "limited"];

    public static Command Create()
    {
        var identity = new Argument<string>("IDENTITY") { Description = "provider/whitelabel/account" };
        var filters = Filters.Select(f => new Option<bool>($"--{f}") { Description = $"Only identities {FilterText(f)}." }).ToArray();
        return OperatorCommand.Group("identity", "Identities (provider/whitelabel/account): their state and who changed it.",
            OperatorCommand.Create("show",
                "Cooldown, pair executing, pairs in flight, exposures, limits and today's stake, halted/limited and why, dry run, node, incarnation, last event, operator actions.",
                (call, cancel) => ShowAsync(call, Paths.Identity(call.Parse.GetValue(identity)!), cancel), identity),
            OperatorCommand.Create("list", "Identities the journal knows; at most one filter.",
                (call, cancel) => ListAsync(call, filters.Where(call.Parse.GetValue).Select(f => f.Name[2..]).ToList(), cancel), filters));
    }

    private static string FilterText(string filter) => filter switch
    {
        "cooling" => "in cooldown now",
        "exposed" => "with an open exposure",
        "halted" => "halted by an operator or a safety rule",
        _ => "a venue has limited",
    };

    private static async Task<int> ListAsync(OperatorCall call, List<string> filters, CancellationToken cancel)
    {
        if (filters.Count > 1)
            throw new OperatorCommand.UsageProblem($"--{filters[1]}: give at most one of --{string.Join(", --", Filters)} (not --{string.Join(" and --", filters)})");
        using var answer = await call.Admin.GetAsync(filters.Count == 0 ? "identities" : $"identities?filter={filters[0]}", cancel);
        if (call.Json) call.Output.WriteLine(answer.Body);
        else WriteList(answer.Root, call.Output);
        return 0;
    }

    public static void WriteList(JsonElement identities, TextWriter output)
    {
        var table = new Table("IDENTITY", "COOLDOWN UNTIL", "EXECUTING", "IN FLIGHT", "OPEN EXPOSURES", "HALTED", "LIMITED", "DRY RUN");
        foreach (var i in identities.ValueKind == JsonValueKind.Array ? identities.EnumerateArray() : JsonText.Items(identities, "identities"))
        {
            var halted = (JsonText.Flag(i, "halted"), JsonText.Flag(i, "haltedGlobally")) switch
            {
                (true, true) => "yes (and globally)",
                (true, false) => "yes",
                (false, true) => "globally",
                _ => "no",
            };
            table.Add(JsonText.Text(i, "identity"), JsonText.Flag(i, "cooling") ? JsonText.Time(i, "cooldownUntil") : "-",
                JsonText.Text(i, "executingPairId"), JsonText.Text(i, "pairsInFlight"), JsonText.Text(i, "openExposures"),
                halted, JsonText.Text(i, "limited"), JsonText.Text(i, "dryRun"));
        }
        table.Write(output);
    }

    private static async Task<int> ShowAsync(OperatorCall call, Domain.Identities.Identity identity, CancellationToken cancel)
    {
        using var answer = await call.Admin.GetAsync(Paths.Of(identity), cancel);
        if (call.Json) call.Output.WriteLine(answer.Body);
        else WriteShow(answer.Root, call.Output, identity.Key);
        return 0;
    }

    public static void WriteShow(JsonElement root, TextWriter output, string key)
    {
        new Details()
            .Add("identity", JsonText.Field(root, "identity") is not null ? JsonText.Text(root, "identity") : key)
            .Add("node", JsonText.Field(root, "nodeName") is null ? JsonText.Text(root, "node") : $"{JsonText.Text(root, "nodeName")} ({JsonText.Text(root, "node")})")
            .Add("incarnation", JsonText.Text(root, "incarnation"))
            .Add("dry run", JsonText.Text(root, "dryRun"))
            .Add("halted", Halt(root, "halted"))
            .Add("halted globally", Halt(root, "haltedGlobally"))
            .Add("limited", Limited(root))
            .Add("cooldown until", JsonText.Field(root, "cooling") is { ValueKind: JsonValueKind.False } && JsonText.Field(root, "cooldownUntil") is not null
                ? $"{JsonText.Time(root, "cooldownUntil")} (over)"
                : JsonText.Time(root, "cooldownUntil"))
            .Add("executing pair", JsonText.Text(root, "executingPairId"))
            .Add("pairs in flight", JsonText.Text(root, "pairsInFlight"))
            .Add("limits", Limits(root))
            .Add("stake today", JsonText.Text(root, "stakeToday"))
            .Add("signals seen", JsonText.Text(root, "signalsSeen"))
            .Add("last event", LastEvent(root))
            .Add("as of", JsonText.Time(root, "asOf"))
            .Write(output);
        output.WriteLine();
        output.WriteLine("exposures:");
        ExposureCommands.ExposureTable(JsonText.Items(root, "exposures"), withIdentity: false).Write(output, "  ");
        output.WriteLine();
        output.WriteLine("operator actions:");
        ActionTable(JsonText.Items(root, "operatorActions")).Write(output, "  ");
    }

    /// <summary>The audit trail: who did what, why and when (operators' halts, resumes, resolutions; the executor's exposures).</summary>
    public static Table ActionTable(IEnumerable<JsonElement> actions)
    {
        var table = new Table("SEQ", "AT", "ACTION", "BY", "PAIR", "NODE", "REASON");
        foreach (var a in actions)
            table.Add(JsonText.Text(a, "seqNr"), JsonText.Time(a, "at"), JsonText.Text(a, "action"), JsonText.Text(a, "by"),
                JsonText.Text(a, "pairId"), JsonText.Text(a, "node"), JsonText.Text(a, "reason"));
        return table;
    }

    /// <summary><c>{reason, by, at}</c> as "yes: REASON (by NAME at TIME)", or "no".</summary>
    public static string Halt(JsonElement root, string name) => JsonText.Field(root, name) switch
    {
        null or { ValueKind: JsonValueKind.False } => "no",
        { ValueKind: JsonValueKind.Object } halt =>
            $"yes: {JsonText.Text(halt, "reason")} (by {JsonText.Text(halt, "by")} at {JsonText.Time(halt, "at")})",
        { } other => JsonText.Show(other),
    };

    /// <summary>A limit the identity does not have shows as "none".</summary>
    private static string Limits(JsonElement root) => JsonText.Field(root, "limits") is { ValueKind: JsonValueKind.Object } limits
        ? $"stake {Limit(limits, "minStake")} to {Limit(limits, "maxStake")} (step {Limit(limits, "stakeStep")}), open pairs {Limit(limits, "maxOpenPairs")}, " +
          $"stake a day {Limit(limits, "maxStakePerDay")}, limited below {Limit(limits, "limitedBelowShare")} of the asked stake"
        : JsonText.None;

    private static string Limit(JsonElement limits, string name) => JsonText.Text(limits, name) is JsonText.None ? "none" : JsonText.Text(limits, name);

    /// <summary>A venue cut a stake: which pair, asked and accepted, when.</summary>
    private static string Limited(JsonElement root) => JsonText.Field(root, "limited") switch
    {
        null or { ValueKind: JsonValueKind.False } => "no",
        { ValueKind: JsonValueKind.Object } l =>
            $"yes: pair {JsonText.Text(l, "pairId")} accepted {JsonText.Text(l, "acceptedStake")} of {JsonText.Text(l, "requestedStake")} at {JsonText.Time(l, "at")}",
        { } other => JsonText.Show(other),
    };

    private static string LastEvent(JsonElement root) => JsonText.Field(root, "lastEvent") is { ValueKind: JsonValueKind.Object } e
        ? $"#{JsonText.Text(e, "seqNr")} {JsonText.Text(e, "kind")} at {JsonText.Time(e, "at")}"
        : JsonText.None;
}
