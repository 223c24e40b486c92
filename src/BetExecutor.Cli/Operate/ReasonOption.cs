using System.CommandLine;

namespace BetExecutor.Cli.Operate;

/// <summary>
/// <c>--reason TEXT</c>: every change an operator makes says why (halt, resume, resolve). Checked here before any
/// request, so a missing or blank reason is bad usage (exit 2) and nothing is sent.
/// </summary>
public static class ReasonOption
{
    public static Option<string?> Create(string description) => new("--reason") { Description = description, HelpName = "TEXT" };

    public static string Read(ParseResult parse, Option<string?> option)
    {
        var reason = parse.GetValue(option)?.Trim();
        if (string.IsNullOrEmpty(reason)) throw new OperatorCommand.UsageProblem("--reason: required: say why (it is recorded with your token's name)");
        if (reason.Any(char.IsControl)) throw new OperatorCommand.UsageProblem("--reason: must be one line without control characters");
        return reason;
    }
}
