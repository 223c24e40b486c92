namespace BetExecutor.Cli.Tests.Operate;

/// <summary>Answers in the shape docs/admin-api.md gives, for rendering and exit-code tests.</summary>
public static class CannedAnswers
{
    public const string NodeA = "akka.tcp://bet-executor@127.0.0.1:4053";
    public const string NodeB = "akka.tcp://bet-executor@127.0.0.1:4054";

    public const string Cluster = $$"""
        {"self": "{{NodeA}}", "leader": "{{NodeA}}",
         "members": [
           {"address": "{{NodeA}}", "roles": ["executor"], "status": "up", "reachable": true, "upSince": "2026-11-30T08:00:01.000Z", "isLeader": true, "isSelf": true},
           {"address": "{{NodeB}}", "roles": ["gateway"], "status": "up", "reachable": false, "upSince": null, "isLeader": false, "isSelf": false}],
         "unreachable": ["{{NodeB}}"]}
        """;

    public const string Stats = $$"""
        {"regions": [
           {"address": "{{NodeA}}", "shards": [{"shardId": "10", "identities": 1}, {"shardId": "2", "identities": 3}]},
           {"address": "{{NodeB}}", "shards": []}],
         "totalShards": 2, "totalIdentities": 4}
        """;

    public const string Exposure = """
        {"identity": "bookie/brand1/alice", "pairId": "sig-7", "reason": "hedge-rejected", "detail": "the hedge was rejected",
         "raisedAt": "2026-11-30T08:15:00.123Z", "expiresAt": "2026-12-01T08:15:00.123Z", "status": "open",
         "positive": {"identity": "bookie/brand1/alice", "clientReference": "sig-7-p", "askedStake": 10.0, "askedOdds": 2.1, "betId": "b-1", "acceptedStake": 10.0, "acceptedOdds": 2.1, "settlement": "pending"},
         "hedge": {"identity": "exchange/main/hedger", "clientReference": "sig-7-h", "askedStake": 9.5, "askedOdds": 2.2, "betId": null, "acceptedStake": null, "acceptedOdds": null, "settlement": null},
         "resolvedBy": null, "resolvedAt": null, "resolution": null, "dryRun": false}
        """;

    public const string Identity = $$"""
        {"identity": "bookie/brand1/alice", "cooldownUntil": "2026-11-30T08:16:00.000Z", "cooling": true,
         "executingPairId": null, "pairsInFlight": ["sig-8"], "exposures": [{{Exposure}}],
         "limits": {"minStake": null, "maxStake": 100.0, "stakeStep": 0.01, "maxOpenPairs": null, "maxStakePerDay": null, "limitedBelowShare": 0.5},
         "stakeToday": 12.5, "halted": {"reason": "venue maintenance", "by": "alice-ops", "at": "2026-11-30T08:20:00.000Z"},
         "haltedGlobally": null, "limited": null, "dryRun": false, "signalsSeen": 3,
         "node": "{{NodeA}}", "nodeName": "node-a", "incarnation": "0f3c9a", "lastEvent": {"seqNr": 17, "kind": "account.halted.v1", "at": "2026-11-30T08:20:00.000Z"},
         "operatorActions": [{"seqNr": 17, "at": "2026-11-30T08:20:00.000Z", "action": "halt", "by": "alice-ops", "reason": "venue maintenance", "pairId": null, "node": "node-a", "incarnation": "0f3c9a"}],
         "asOf": "2026-11-30T08:21:00.000Z"}
        """;
}
