using System.Text.Json;
using BetExecutor.Cli.Operate.Rendering;
using BetExecutor.Domain.Identities;

namespace BetExecutor.Cli.Operate;

/// <summary>
/// A pair's admin path. A bare pair id is looked up (<c>GET /pairs/{pairId}</c>): it must be held by exactly one
/// identity; by none is "not found" (exit 1), by several is ambiguous usage (exit 2, asking for the full form).
/// </summary>
public static class PairLocator
{
    public static async Task<(Identity Identity, string Path)> LocateAsync(AdminClient admin, PairRef pair, string suffix, CancellationToken cancel)
    {
        var identity = pair.Identity ?? await HolderAsync(admin, pair.PairId, cancel);
        return (identity, $"{Paths.Of(identity)}/{suffix}/{Paths.Segment(pair.PairId)}");
    }

    private static async Task<Identity> HolderAsync(AdminClient admin, string pairId, CancellationToken cancel)
    {
        using var answer = await admin.GetAsync($"pairs/{Paths.Segment(pairId)}", cancel);
        var holders = (answer.Root.ValueKind == JsonValueKind.Array ? answer.Root.EnumerateArray() : JsonText.Items(answer.Root, "identities"))
            .Select(h => h.ValueKind == JsonValueKind.String ? h.GetString() : JsonText.Text(h, "identity"))
            .OfType<string>().Distinct().ToList();
        return holders.Count switch
        {
            0 => throw new AdminFailure.Refused(404, "not-found", $"no identity holds pair {pairId}", null),
            1 => Identity.TryParseKey(holders[0], out var identity)
                ? identity!
                : throw new AdminFailure.Unreachable($"the admin API named '{holders[0]}' as the holder of {pairId}, which is not an identity"),
            _ => throw new OperatorCommand.UsageProblem(
                $"PAIR: pair id {pairId} is held by {holders.Count} identities ({string.Join(", ", holders)}): give provider/whitelabel/account/{pairId}"),
        };
    }
}
