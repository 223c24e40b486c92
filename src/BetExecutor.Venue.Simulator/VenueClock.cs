namespace BetExecutor.Venue.Simulator;

/// <summary>
/// The clock the venue judges visibility and settlement by. It follows real time until a runner sets it; from
/// then on it is virtual: it stands where the runner last put it, so a scenario's virtual clock decides when a
/// bet shows, exactly as it does for the in-process simulator.
/// </summary>
/// <remarks>Only the reading of the time is virtual. Latency and held answers are network behaviour and run on real time.</remarks>
public sealed class VenueClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _virtualNow;

    public VenueClock(DateTimeOffset? virtualStart = null) => _virtualNow = virtualStart;

    public bool IsVirtual
    {
        get { lock (_gate) return _virtualNow is not null; }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _virtualNow ?? System.GetUtcNow();
    }

    /// <summary>
    /// Moves virtual time to <paramref name="now"/>. False, and nothing changes, if that is earlier than virtual
    /// time already is: a venue's clock never runs backwards, and a bet once shown must not disappear again.
    /// </summary>
    public bool TrySet(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_virtualNow is { } current && now < current) return false;
            _virtualNow = now.ToUniversalTime();
            return true;
        }
    }
}
