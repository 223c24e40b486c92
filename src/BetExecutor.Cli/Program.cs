using System.CommandLine;
using BetExecutor.Cli;
using BetExecutor.Cli.Demo;
using BetExecutor.Cli.Simulate;

var root = new RootCommand("betexec — the BetExecutor operator tool")
{
    DemoCommand.Create(),
    SimulateCommand.Create(),
    BetExecutor.Cli.Archive.ArchiveCommand.Create(),
};
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
    return Usage.BadInput;
}
return await parse.InvokeAsync();
