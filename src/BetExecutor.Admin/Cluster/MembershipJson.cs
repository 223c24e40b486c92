using System.Text.Json.Nodes;
using Akka.Cluster;

namespace BetExecutor.Admin.Cluster;

/// <summary>Members and membership events in the admin API's shapes.</summary>
internal static class MembershipJson
{
    /// <summary>The stable spelling of a member status: <c>joining</c>, <c>weakly-up</c>, <c>up</c>, ...</summary>
    public static string Status(MemberStatus status) => status switch
    {
        MemberStatus.Joining => "joining",
        MemberStatus.WeaklyUp => "weakly-up",
        MemberStatus.Up => "up",
        MemberStatus.Leaving => "leaving",
        MemberStatus.Exiting => "exiting",
        MemberStatus.Down => "down",
        MemberStatus.Removed => "removed",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The member's own roles, without Akka's data-center role.</summary>
    public static JsonArray Roles(Member member) =>
        new(member.Roles.Where(r => !r.StartsWith("dc-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Select(r => (JsonNode)r).ToArray());
}
