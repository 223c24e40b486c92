using System.CommandLine.Parsing;

namespace BetExecutor.Cli;

/// <summary>
/// Exit codes and the one-line errors a user sees: 0 ran, 1 failed while running (something it needs is down),
/// 2 bad usage or configuration (the message names the option or field). Never a stack trace: details go to the
/// log at debug level (<c>--verbose</c>).
/// </summary>
public static class Usage
{
    public const int RunFailed = 1;
    public const int BadInput = 2;

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return BadInput;
    }

    /// <summary>The words that name a command (<c>betexec exposure resolve</c>), for pointing at its help.</summary>
    public static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult each; result = each.Parent) names.Insert(0, each.Command.Name);
        return string.Join(' ', names);
    }

    /// <summary>A parse error, naming the argument when one is missing (the parser's own message names only the command).</summary>
    public static string Describe(ParseError error) =>
        error.SymbolResult is ArgumentResult { Tokens.Count: 0 } missing ? $"{missing.Argument.Name}: {error.Message}" : error.Message;

    public static int RunFailure(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return RunFailed;
    }
}
