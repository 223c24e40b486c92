namespace BetExecutor.Node.Hosting;

/// <summary>Registry key of the account shard region (or of its proxy on a gateway).</summary>
public sealed class AccountRegion;
