namespace BetExecutor.Actors;

/// <summary>Marks messages that may cross the network between nodes; they are serialised as versioned JSON.</summary>
public interface IExecutorMessage;
