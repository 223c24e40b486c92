namespace BetExecutor.Venue.Simulator.Endpoints;

/// <summary>The latency of one request, drawn from the HTTP fault profile. Always two draws, so later draws do not shift.</summary>
internal static class NetworkDelay
{
    public static TimeSpan Draw(HttpFaultProfile faults, Random dice)
    {
        var latency = faults.MinLatency + (faults.MaxLatency - faults.MinLatency) * dice.NextDouble();
        var slow = dice.NextDouble() < faults.SlowShare;
        return slow ? latency + faults.SlowLatency : latency;
    }

    /// <summary>
    /// Waits out the latency on real time. Not cut short when the client gives up: a request in flight still
    /// reaches the venue, which is exactly how a client timeout ends with a bet it never heard of.
    /// </summary>
    public static async Task WaitAsync(TimeSpan delay, CancellationToken serverStopping)
    {
        if (delay <= TimeSpan.Zero) return;
        try
        {
            await Task.Delay(delay, serverStopping);
        }
        catch (OperationCanceledException)
        {
            // the server is stopping; answer (or not) at once
        }
    }
}
