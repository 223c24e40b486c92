using Xunit.Abstractions;
using Xunit.Sdk;

namespace BetExecutor.Cluster.Tests.Audit.Support;

/// <summary>A check's arrangement that has to wait in real time (a cooldown to run out, 120 polls), started once for the class.</summary>
public interface IHeadStart
{
    string Check { get; }

    /// <summary>Runs before every other head start and check, alone, because it stops a node.</summary>
    bool Alone { get; }

    Task Begin(AuditCluster cluster);
}

/// <summary>
/// A head start: <see cref="AuditCluster"/> begins it as soon as the cluster is up, and the check it belongs to awaits
/// its result (<see cref="AuditCluster.HeadStartOf"/>). Waits of a minute then run side by side with the other checks
/// instead of one after another, and each check still owns its identities.
/// </summary>
public sealed record HeadStart<T>(string Check, Func<AuditCluster, Task<T>> Arrange, bool Alone = false) : IHeadStart
{
    Task IHeadStart.Begin(AuditCluster cluster) => Arrange(cluster);
}

/// <summary>Marks a check that awaits a head start: it runs after the checks that do not, so their time covers its wait.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AfterHeadStartAttribute : Attribute;

/// <summary>Runs the checks in the order they are written, those marked <see cref="AfterHeadStartAttribute"/> last.</summary>
public sealed class HeadStartedChecksLast : ITestCaseOrderer
{
    public const string TypeName = "BetExecutor.Cluster.Tests.Audit.Support.HeadStartedChecksLast";
    public const string AssemblyName = "BetExecutor.Cluster.Tests";

    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases
            .OrderBy(c => c.TestMethod.Method.GetCustomAttributes(typeof(AfterHeadStartAttribute).AssemblyQualifiedName).Any() ? 1 : 0)
            .ThenBy(c => (c.TestMethod.Method as IReflectionMethodInfo)?.MethodInfo.MetadataToken ?? 0);
}
