using Akka.Configuration;
using Akka.Coordination;

namespace BetExecutor.Node.Hosting;

/// <summary>The one line a node that failed to start prints: which setting to look at, and what failed.</summary>
public static class StartFailure
{
    /// <param name="cause">The failure in one line, passwords already masked.</param>
    public static string Hint(Exception failure, string cause, NodeOptions options)
    {
        var chain = Chain(failure).ToArray();
        if (chain.Any(e => e is LeaseException) || chain.Any(e => e is ConfigurationException && e.Message.Contains("lease", StringComparison.OrdinalIgnoreCase)))
            return $"BETEXECUTOR_REDIS: the lease self-test failed ({cause}): the node takes a lease in Redis for each account shard and for the split-brain resolver; check that Redis answers and accepts the password";
        if (cause.Contains("bind", StringComparison.OrdinalIgnoreCase))
            return $"{(options.BindHostname is null ? "BETEXECUTOR_HOST" : "BETEXECUTOR_BIND_HOST")}/BETEXECUTOR_PORT: cannot listen on {options.ListenHostname}:{options.Port} ({cause}): pick a free port";
        return $"the node failed to start: {cause} (details: BETEXECUTOR_LOG_LEVEL=debug)";
    }

    private static IEnumerable<Exception> Chain(Exception failure)
    {
        for (Exception? e = failure; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions.Skip(1)) yield return inner;
        }
    }
}
