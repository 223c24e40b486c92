namespace BetExecutor.Node.Hosting;

/// <summary>
/// Set when the cluster refused this node (its persistence differs from the members'); the node then stops, and
/// the process reports this reason as its one line.
/// </summary>
public sealed class NodeRefusal
{
    private readonly TaskCompletionSource<string> _reason = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string? Reason => _reason.Task.IsCompleted ? _reason.Task.Result : null;

    /// <summary>Completes with the reason when the node is refused.</summary>
    public Task<string> Refused => _reason.Task;

    internal void Set(string reason) => _reason.TrySetResult(reason);
}
