namespace BetExecutor.Cluster.Tests.Support;

/// <summary>
/// The HOCON every node of a test cluster gets: the executor's waits cut to fractions of a second, and the cluster's
/// failure handling short enough that a failover fits a test, yet far enough from the machine's hiccups (two busy
/// cores) that no healthy node is taken for dead.
/// </summary>
public static class TestTimings
{
    public const string Hocon = """
        bet-executor {
          # No cooldown: pairs of one identity may follow each other at once, so what keeps two from overlapping is
          # the identity's one-executing-pair rule alone (the tests check it from the venue's book).
          cooldown = 0s
          unknown-window = 5s
          first-lookup-delay = 200ms
          max-lookup-delay = 1s
          late-acceptance-watch = 2s
          late-acceptance-check-every = 500ms
          hedge-retry-delay = 200ms
          settlement-poll-interval = 300ms
          max-settlement-polls = 600
          pair-restart-delay = 500ms
          venue-client {
            # A held (timeout-placed) answer is given up after this: the leg is then Unknown and looked up.
            placement-timeout = 6s
            query-attempt-timeout = 2s
          }
        }
        akka.cluster {
          # The first seed forms the cluster if no other seed answers within this, and a node that found no seed
          # tries again after the other: a cluster (or a restarted member) is up in a few seconds.
          seed-node-timeout = 2s
          retry-unsuccessful-join-after = 2s
          failure-detector {
            heartbeat-interval = 1s
            acceptable-heartbeat-pause = 5s
          }
          split-brain-resolver.stable-after = 4s
        }
        # The lease of a dead owner expires this long after its last renewal; it counts itself as lost after
        # heartbeat-timeout - 2 x heartbeat-interval without a confirmed renewal (5 s). A shard waiting for a dead
        # owner's lease asks again every heartbeat-interval.
        akka.coordination.lease.redis {
          heartbeat-timeout = 7s
          heartbeat-interval = 1s
          lease-operation-timeout = 3s
        }
        """;
}
