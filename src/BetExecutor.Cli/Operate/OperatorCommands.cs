using System.CommandLine;

namespace BetExecutor.Cli.Operate;

/// <summary>
/// The operator commands over a running cluster's admin API (docs/admin-api.md): the habits of Petabridge.Cmd's
/// <c>cluster</c> and <c>cluster-sharding</c> commands, plus what a betting operation needs (identities, exposures,
/// halts, histories).
/// </summary>
public static class OperatorCommands
{
    public static IEnumerable<Command> Create() =>
    [
        ClusterCommands.Create(),
        ShardingCommands.Create(),
        IdentityCommands.Create(),
        ExposureCommands.Create(),
        ControlCommands.Halt(),
        ControlCommands.Resume(),
        HistoryCommands.Pair(),
        HistoryCommands.Signal(),
    ];
}
