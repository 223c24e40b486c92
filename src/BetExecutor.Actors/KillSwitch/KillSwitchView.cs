namespace BetExecutor.Actors.KillSwitch;

/// <summary>
/// What one node knows of the global kill switch, read by every account of the node before it takes a signal. Only
/// the node's <see cref="KillSwitchReplica"/> writes it, from the switch's journal or from the switch's singleton;
/// until it has, the state is unknown and accounts take no new signal (fail-closed). Thread-safe.
/// </summary>
public sealed class KillSwitchView
{
    private readonly object _gate = new();
    private readonly TaskCompletionSource _known = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private KillSwitchStatus? _status;

    /// <summary>Unknown until told (a node's view).</summary>
    public KillSwitchView() { }

    /// <summary>
    /// Off for good: for a rig that runs accounts without a cluster (actor specs). A node never uses it: its view
    /// starts unknown and follows the journal.
    /// </summary>
    public static KillSwitchView NotInUse()
    {
        var view = new KillSwitchView();
        view.Learn(KillSwitchStatus.NeverSwitched);
        return view;
    }

    /// <summary>The state the node's accounts decide by; null while unknown.</summary>
    public KillSwitchStatus? Status
    {
        get { lock (_gate) return _status; }
    }

    /// <summary>Completes once the state is known.</summary>
    public Task Known => _known.Task;

    /// <summary>Why new signals are refused on this node now, or null when they are not.</summary>
    public string? GlobalHalt => Status switch
    {
        null => "the global kill switch's state is not known on this node yet (its journal could not be read); no new signal is taken until it is",
        { Halted: true } on => $"the global kill switch is on since {on.At:O} by {on.By}: {on.Reason}",
        _ => null,
    };

    /// <summary>Takes <paramref name="status"/> unless the view already holds a later one. True when it changed the view.</summary>
    public bool Learn(KillSwitchStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        lock (_gate)
        {
            if (_status is { } current && current.SequenceNr >= status.SequenceNr) return false;
            _status = status;
        }
        _known.TrySetResult();
        return true;
    }
}
