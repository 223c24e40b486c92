using Akka.Coordination;

namespace BetExecutor.Coordination.Redis.Tests.Infrastructure;

/// <summary>Polling for outcomes that depend on real expiry in Redis; the limits are generous upper bounds, not speed checks.</summary>
public static class Eventually
{
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    /// <summary>Tries to acquire until granted; an unknown outcome (Redis reconnecting) is simply tried again.</summary>
    public static async Task<bool> AcquireWithinAsync(RedisLease lease, TimeSpan within, Action<Exception>? onLost = null)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await lease.Acquire(onLost!)) return true;
            }
            catch (LeaseTimeoutException)
            {
                // Outcome unknown (Redis still reconnecting): ask again.
            }
            await Task.Delay(Poll);
        }
        return false;
    }

    /// <summary>
    /// The first definite answer of a lease call: one whose outcome was unknown (a connection still finding out that
    /// Redis restarted) is asked again.
    /// </summary>
    public static async Task<bool> DefiniteAnswerAsync(Func<Task<bool>> call, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                return await call();
            }
            catch (LeaseTimeoutException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Poll);
            }
        }
    }

    public static async Task<bool> TrueWithinAsync(Func<Task<bool>> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(Poll);
        }
        return await condition();
    }

    /// <summary>Awaits a task for at most <paramref name="within"/>; false when it did not complete.</summary>
    public static async Task<bool> CompletesWithinAsync(Task task, TimeSpan within) =>
        await Task.WhenAny(task, Task.Delay(within)) == task;
}
