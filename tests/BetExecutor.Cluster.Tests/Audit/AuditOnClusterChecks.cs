using System.Globalization;
using System.Text.RegularExpressions;
using BetExecutor.Cluster.Tests.Audit.Support;
using Xunit.Abstractions;

namespace BetExecutor.Cluster.Tests.Audit;

/// <summary>
/// The seed audit's 24 checks (tests/BetExecutor.Audit.Tests proves them in one process on a virtual clock) re-run
/// against a cluster: three executor processes and a gateway process, one writer per identity held by Redis leases
/// (issue 10, 6e: "re-run the audit for multi-worker"). Signals enter only through the gateway's HTTP; bets are
/// counted only from the venue simulator's book; what the nodes recorded is read from their shared Redis. One
/// cluster serves the class; each check has identities of its own. The five categories are the five partial files.
/// Where a check needs what a cluster has no API for yet (an operator resolving an exposure, halting an identity),
/// it proves what the cluster can and says so; see each check's comment.
/// </summary>
[TestCaseOrderer(HeadStartedChecksLast.TypeName, HeadStartedChecksLast.AssemblyName)]
public sealed partial class AuditOnClusterChecks : IClassFixture<AuditCluster>
{
    /// <summary>How many checks the class has: the audit's 24.</summary>
    public const int Count = 24;

    private readonly AuditCluster _cluster;

    public AuditOnClusterChecks(AuditCluster cluster, ITestOutputHelper output)
    {
        _cluster = cluster;
        cluster.Output = output;
    }

    /// <summary>Arrangements that wait in real time, begun as soon as the cluster is up (the one that stops a node first, alone).</summary>
    public static IReadOnlyList<IHeadStart> HeadStarts =>
        [CooldownAcrossRestart, CooldownToRunOut, PollingToTheLimit, ExposurePastItsCooldown, ExposureLeftToAnOperator];

    /// <summary>The instant a refusal's detail names after <paramref name="marker"/> (e.g. "cooldown until ").</summary>
    private static DateTimeOffset InstantAfter(string? detail, string marker)
    {
        var match = Regex.Match(detail ?? "", Regex.Escape(marker) + @"(\S+)");
        Assert.True(match.Success, $"'{detail}' names no instant after '{marker}'");
        return DateTimeOffset.Parse(match.Groups[1].Value.TrimEnd('.', ';', ','), CultureInfo.InvariantCulture);
    }
}
