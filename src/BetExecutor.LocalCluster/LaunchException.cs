namespace BetExecutor.LocalCluster;

/// <summary>The cluster could not be started or stopped as asked: the message is the one line the user sees.</summary>
public sealed class LaunchException(string message) : Exception(message);
