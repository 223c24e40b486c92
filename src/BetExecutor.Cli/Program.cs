using System.CommandLine;
using BetExecutor.Cli;
using BetExecutor.Cli.Demo;
using BetExecutor.Cli.Operate;
using BetExecutor.Cli.Simulate;

var root = new RootCommand("betexec — the BetExecutor operator tool")
{
    DemoCommand.Create(),
    SimulateCommand.Create(),
    BetExecutor.Cli.Archive.ArchiveCommand.Create(),
};
foreach (var command in OperatorCommands.Create()) root.Add(command);
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {Usage.Describe(error)}");
    Console.Error.WriteLine($"see: {Usage.CommandPath(parse.CommandResult)} --help");
    return Usage.BadInput;
}
// A command that ends on Ctrl-C by design (cluster tail) handles the interruption itself and exits 0; the others
// keep the parser's handling (the action is cancelled; exit 130).
return await parse.InvokeAsync(OperatorCommand.EndsOnInterrupt(parse.CommandResult.Command)
    ? new InvocationConfiguration { ProcessTerminationTimeout = null }
    : null);
