using System.Text.RegularExpressions;

namespace BetExecutor.Cluster.Tests.Audit.Support;

/// <summary>
/// The HOCON every node of the audit's cluster gets. Only waits the audit makes no claim about are shortened (lookups,
/// placement timeout, poll interval, hedge retry delay), so the class fits in minutes of real time. The values the
/// audit does claim (cooldown 60 s, 120 settlement polls, exposure expiry 24 h) are not set here: the cluster runs
/// reference.conf's shipped defaults, and the checks read them from what the cluster does.
/// </summary>
public static partial class AuditTimings
{
    public const string Hocon = """
        bet-executor {
          unknown-window = 3s
          first-lookup-delay = 200ms
          max-lookup-delay = 1s
          late-acceptance-watch = 1s
          late-acceptance-check-every = 500ms
          hedge-retry-delay = 200ms
          # 120 polls (the shipped limit) take about 20 s at this interval.
          settlement-poll-interval = 150ms
          pair-restart-delay = 500ms
          venue-client {
            # A held (timeout-placed) answer is given up after this, then looked up: how long such a pair executes.
            placement-timeout = 5s
            query-attempt-timeout = 2s
          }
          # The checks poll signal states while pairs run; the per-key rate is not what the audit is about.
          gateway.rate-limit {
            requests = 1000
            burst = 1000
          }
        }
        # Joining and failure handling as in the other cluster tests (TestTimings): a cluster, or a restarted member,
        # is up in seconds, and a node that leaves is replaced in seconds.
        akka.cluster {
          seed-node-timeout = 2s
          retry-unsuccessful-join-after = 2s
          failure-detector {
            heartbeat-interval = 1s
            acceptable-heartbeat-pause = 5s
          }
          split-brain-resolver.stable-after = 4s
        }
        akka.coordination.lease.redis {
          heartbeat-timeout = 7s
          heartbeat-interval = 1s
          lease-operation-timeout = 3s
        }
        """;

    /// <summary>Whether <see cref="Hocon"/> sets <paramref name="key"/> (a check of a shipped default requires that it does not).</summary>
    public static bool Overrides(string key) => Regex.IsMatch(Hocon, $@"^\s*{Regex.Escape(key)}\s*[=:{{]", RegexOptions.Multiline);
}
