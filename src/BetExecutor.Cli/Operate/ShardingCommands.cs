using System.CommandLine;
using System.Text.Json;
using BetExecutor.Cli.Operate.Rendering;

namespace BetExecutor.Cli.Operate;

/// <summary><c>betexec sharding regions | stats | where IDENTITY</c>: where the account shards and identities run.</summary>
public static class ShardingCommands
{
    public static Command Create()
    {
        var identity = new Argument<string>("IDENTITY") { Description = "provider/whitelabel/account" };
        return OperatorCommand.Group("sharding", "Account sharding: regions, shards and identities per node, where an identity runs.",
            OperatorCommand.Create("regions", "The shard regions: node, roles, shards and identities each hosts.", RegionsAsync),
            OperatorCommand.Create("stats", "Shards and identities per node, and each shard's identities.", StatsAsync),
            OperatorCommand.Create("where", "The node hosting an identity now, or \"not started\" (asking does not start it).",
                (call, cancel) => WhereAsync(call, Paths.Identity(call.Parse.GetValue(identity)!), cancel), identity));
    }

    private static async Task<int> RegionsAsync(OperatorCall call, CancellationToken cancel)
    {
        using var answer = await call.Admin.GetAsync("sharding/regions", cancel);
        if (call.Json) call.Output.WriteLine(answer.Body);
        else WriteRegions(answer.Root, call.Output);
        return 0;
    }

    public static void WriteRegions(JsonElement regions, TextWriter output)
    {
        var table = new Table("NODE", "ROLES", "SHARDS", "IDENTITIES");
        foreach (var region in Array(regions, "regions"))
            table.Add(JsonText.Text(region, "address"), JsonText.Text(region, "roles"), Count(region, "shards"), Count(region, "identities"));
        table.Write(output);
    }

    private static async Task<int> StatsAsync(OperatorCall call, CancellationToken cancel)
    {
        using var answer = await call.Admin.GetAsync("sharding/stats", cancel);
        if (call.Json) call.Output.WriteLine(answer.Body);
        else WriteStats(answer.Root, call.Output);
        return 0;
    }

    public static void WriteStats(JsonElement stats, TextWriter output)
    {
        var perNode = new Table("NODE", "SHARDS", "IDENTITIES");
        var perShard = new Table("NODE", "SHARD", "IDENTITIES");
        foreach (var region in JsonText.Items(stats, "regions"))
        {
            var shards = JsonText.Items(region, "shards").ToList();
            var address = JsonText.Text(region, "address");
            perNode.Add(address, shards.Count.ToString(), shards.Sum(s => CountOf(s, "identities")).ToString());
            foreach (var shard in shards.OrderBy(s => JsonText.Text(s, "shardId"), ShardIdOrder.Instance))
                perShard.Add(address, JsonText.Text(shard, "shardId"), Count(shard, "identities"));
        }
        perNode.Write(output);
        output.WriteLine($"total: {JsonText.Text(stats, "totalShards")} shards, {JsonText.Text(stats, "totalIdentities")} identities");
        output.WriteLine();
        perShard.Write(output);
    }

    private static async Task<int> WhereAsync(OperatorCall call, Domain.Identities.Identity identity, CancellationToken cancel)
    {
        using var answer = await call.Admin.GetAsync(
            $"sharding/where/{Paths.Segment(identity.Provider)}/{Paths.Segment(identity.Whitelabel)}/{Paths.Segment(identity.Account)}", cancel);
        if (call.Json)
        {
            call.Output.WriteLine(answer.Body);
            return 0;
        }
        var root = answer.Root;
        new Details()
            .Add("identity", JsonText.Text(root, "identity"))
            .Add("shard", JsonText.Text(root, "shardId"))
            .Add("node", JsonText.Flag(root, "started") ? JsonText.Text(root, "node") : "not started")
            .Write(call.Output);
        return 0;
    }

    /// <summary>The regions answer is an array; also read when wrapped as <c>{"regions": [...]}</c>.</summary>
    private static IEnumerable<JsonElement> Array(JsonElement root, string wrapper) =>
        root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : JsonText.Items(root, wrapper);

    /// <summary>A count the server sends as a number, or as the list it counts.</summary>
    private static int CountOf(JsonElement element, string name) => JsonText.Field(element, name) switch
    {
        { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var count) => count,
        { ValueKind: JsonValueKind.Array } a => a.GetArrayLength(),
        _ => 0,
    };

    private static string Count(JsonElement element, string name) =>
        JsonText.Field(element, name) is null ? JsonText.None : CountOf(element, name).ToString();

    /// <summary>Shard ids are numbers in strings: 2 before 10.</summary>
    private sealed class ShardIdOrder : IComparer<string>
    {
        public static readonly ShardIdOrder Instance = new();

        public int Compare(string? x, string? y) =>
            int.TryParse(x, out var a) && int.TryParse(y, out var b) ? a.CompareTo(b) : string.CompareOrdinal(x, y);
    }
}
