using Akka.Actor;
using Akka.Coordination;
using Akka.Event;
using BetExecutor.Coordination.Redis;

namespace BetExecutor.Node.Hosting;

/// <summary>
/// The lease's start-up self-test (<see cref="RedisLeaseSelfTest"/>), given a few tries when Redis only answers late: a
/// node starting on a loaded machine must not fail for one slow answer, while a setup that cannot work (no lease
/// config, a wrong password, a Redis that never answers) still fails the start.
/// </summary>
public static class LeaseSelfTest
{
    private const int Attempts = 3;

    public static async Task RunAsync(ActorSystem system, string configPath)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await RedisLeaseSelfTest.RunAsync(system, configPath).ConfigureAwait(false);
                return;
            }
            catch (LeaseTimeoutException ex) when (attempt < Attempts)
            {
                Logging.GetLogger(system, typeof(LeaseSelfTest)).Warning(
                    "Lease self-test attempt {0} of {1}: Redis answered too late ({2}); trying again", attempt, Attempts, ex.Message);
            }
        }
    }
}
