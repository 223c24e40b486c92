namespace BetExecutor.Node.Standalone;

/// <summary>What <c>--help</c> prints: how to configure and run a node.</summary>
public static class NodeUsage
{
    public const int BadUsage = 2;
    public const int RunTimeFailure = 1;

    public const string Text = """
        BetExecutor node: one member of the executor cluster. Configured by environment variables; takes no arguments
        other than --help.

          BETEXECUTOR_VENUE     Where bets are placed: the venue's HTTP address (http://HOST:PORT/), or `simulator` for
                                the in-process venue simulator (tests and demos only). Required, unless every identity
                                is dry-run (bet-executor.limits: dry-run = on) or the node is gateway-only.
          BETEXECUTOR_REDIS     Redis for events and snapshots: HOST:PORT[,password=…] or redis://[:PASSWORD@]HOST:PORT
                                (rediss:// for TLS). Unset: in memory, and nothing survives a restart. Set: the node
                                also takes a lease in it for each account shard and for the split-brain resolver
                                (timings: akka.coordination.lease.redis in BETEXECUTOR_HOCON).
          BETEXECUTOR_ROLES     executor (hosts the account shards), gateway (reaches them through a shard region
                                proxy) or executor,gateway (default).
          BETEXECUTOR_GATEWAY_LISTEN  IP:PORT the gateway's HTTP listens on (default bet-executor.gateway.listen,
                                127.0.0.1:8080). Read on nodes with the gateway role.
          BETEXECUTOR_GATEWAY_KEYS  API keys as name=SHA256HEX[,name=SHA256HEX…] (lowercase hex SHA-256 of each key),
                                added to bet-executor.gateway.api-keys. A node given the gateway role
                                (BETEXECUTOR_ROLES) needs at least one; with the default roles and no key it serves no
                                HTTP.
          BETEXECUTOR_ADMIN_LISTEN  IP:PORT the admin API listens on (default bet-executor.admin.listen,
                                127.0.0.1:9090; port 0: a free port, logged). Every node serves it when it has a token.
          BETEXECUTOR_ADMIN_TOKENS  admin tokens as name=SHA256HEX[,name=SHA256HEX…], added to bet-executor.admin.tokens.
                                Without one the admin API is off (one warning).
          BETEXECUTOR_NODE      Name stamped on every event this node writes (default: the machine name).
          BETEXECUTOR_HOST      Public remoting hostname: the address other members reach this node at (default
                                127.0.0.1). Any address other than loopback requires BETEXECUTOR_TLS_CERT.
          BETEXECUTOR_BIND_HOST Address remoting listens on (default: BETEXECUTOR_HOST), e.g. 0.0.0.0 in a container or
                                the private address behind NAT. Any address other than loopback, 0.0.0.0 included,
                                requires BETEXECUTOR_TLS_CERT.
          BETEXECUTOR_PORT      Remoting port (default 0: any free port; seeds need a fixed one).
          BETEXECUTOR_SEEDS     Cluster members to join, comma-separated akka.tcp://betexecutor@HOST:PORT.
                                Unset: the node forms a cluster of its own.
          BETEXECUTOR_TLS_CERT  PKCS#12 (.pfx) certificate with its private key for mutual TLS between members; every
                                member uses the same one and accepts only peers presenting it.
          BETEXECUTOR_TLS_CERT_PASSWORD  The certificate file's password.
          BETEXECUTOR_HOCON     A HOCON file of overrides of the settings (bet-executor { … }, akka { … }); every key,
                                its default and meaning are in src/BetExecutor.Actors/reference.conf. Unknown keys and
                                values out of range stop the node.
          BETEXECUTOR_LOG       auto (default): compact JSON logs when standard error is not a terminal, readable lines
                                on one; json or text forces either. Logs go to standard error.
          BETEXECUTOR_LOG_LEVEL debug | information (default) | warning | error. Failure details are logged at debug.
          BETEXECUTOR_LOG_LEVELS  Minimum levels per source, SOURCE=LEVEL comma-separated (e.g.
                                Akka.Cluster=warning,BetExecutor.Coordination.Redis=debug). Akka's own sources log
                                below information only if akka.loglevel (BETEXECUTOR_HOCON) lets them.
          BETEXECUTOR_FEED      stdin: take commands as JSON lines on standard input, answer on standard output
                                (README: The stdin feed); SIGTERM stops the node even while standard input is open.
          BETEXECUTOR_DATA      The node's data directory (default: bet-executor.data-directory), where it keeps the
                                Redis storage epoch it writes to, so a Redis that lost its data is caught at start.
          BETEXECUTOR_ADOPT_STORAGE  yes: take a Redis that lost this node's data as it now is (an operator's
                                decision, see the README's Redis section); no (default).

        Exit status: 0 stopped normally; 2 bad usage or configuration (one line on standard error names the setting);
        1 a failure at run time (one line says what failed and what to do).
        """;
}
