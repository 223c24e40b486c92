namespace BetExecutor.Actors.Time;

/// <summary>Tells a <see cref="VirtualClock"/> whether the executor has settled, so that time may move.</summary>
public interface IQuiescenceProbe
{
    /// <summary>True when nothing will happen any more unless a timer fires or someone sends a message.</summary>
    Task<bool> IsQuietAsync(VirtualClock clock, CancellationToken cancellationToken);

    /// <summary>What still works, for the message of a run that never settles.</summary>
    string DescribeBusy(VirtualClock clock);
}
