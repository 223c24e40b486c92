namespace BetExecutor.Node.Hosting;

/// <summary>Registry key of the global kill switch's singleton proxy (every node has one).</summary>
public sealed class KillSwitchSingleton;
