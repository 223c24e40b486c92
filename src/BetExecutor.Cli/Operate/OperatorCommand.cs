using System.CommandLine;

namespace BetExecutor.Cli.Operate;

/// <summary>What an operator command's action gets: the parsed command line, the client, and where to print.</summary>
public sealed record OperatorCall(ParseResult Parse, AdminClient Admin, bool Json, TextWriter Output);

/// <summary>
/// Builds operator commands and runs their actions with the same rules: the admin target resolved (or exit 2 naming
/// what is missing), one line on standard error for any failure (exit 1; exit 2 when the server calls the request
/// malformed), results alone on standard output, never a stack trace.
/// </summary>
public static class OperatorCommand
{
    public delegate Task<int> Action(OperatorCall call, CancellationToken cancel);

    /// <summary>A usage problem found after parsing (an argument of the wrong form): exit 2, naming it.</summary>
    public sealed class UsageProblem(string message) : Exception(message);

    public static Command Create(string name, string description, Action action, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Argument argument: command.Add(argument); break;
                case Option option: command.Add(option); break;
                default: throw new ArgumentException($"cannot add {symbol.GetType().Name} {symbol.Name}");
            }
        }
        var options = new AdminOptions();
        options.AddTo(command);
        command.SetAction((parse, cancel) => RunAsync(parse, options, action, cancel));
        return command;
    }

    private static readonly HashSet<Command> InterruptedByDesign = [];

    /// <summary>Marks a command whose normal end is Ctrl-C (it watches a stream): it handles SIGINT/SIGTERM itself.</summary>
    public static Command EndingOnInterrupt(Command command)
    {
        lock (InterruptedByDesign) InterruptedByDesign.Add(command);
        return command;
    }

    public static bool EndsOnInterrupt(Command command)
    {
        lock (InterruptedByDesign) return InterruptedByDesign.Contains(command);
    }

    public static Command Group(string name, string description, params Command[] commands)
    {
        var group = new Command(name, description);
        foreach (var command in commands) group.Add(command);
        return group;
    }

    private static async Task<int> RunAsync(ParseResult parse, AdminOptions options, Action action, CancellationToken cancel)
    {
        if (!options.TryResolve(parse, out var target, out var error)) return Usage.Fail(error!);
        using var admin = new AdminClient(target!);
        try
        {
            return await action(new OperatorCall(parse, admin, parse.GetValue(options.Json), Console.Out), cancel);
        }
        catch (UsageProblem problem)
        {
            return Usage.Fail(problem.Message);
        }
        catch (AdminFailure.Refused refused) when (refused.IsUsage)
        {
            return Usage.Fail(refused.Message);
        }
        catch (AdminFailure failure)
        {
            return Usage.RunFailure(failure.Message);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return Usage.RunFailure("interrupted before the admin API answered (a change asked for may still take effect: look before repeating it)");
        }
    }
}
