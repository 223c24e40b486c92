using System.CommandLine;

namespace BetExecutor.Cli.Operate;

/// <summary>The options every operator command takes: where the admin API is, the token, and <c>--json</c>.</summary>
public sealed class AdminOptions
{
    public Option<string?> Admin { get; } = new("--admin")
    {
        Description = $"The admin API of any node, http://HOST:PORT (or {AdminTarget.UrlVariable}).",
        HelpName = "URL",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"The admin token (or {AdminTarget.TokenVariable}, which keeps it out of the process list).",
        HelpName = "TOKEN",
    };

    public Option<string?> ClusterFile { get; } = new("--cluster-file")
    {
        Description = "A local cluster's cluster.json (scripts/local-cluster up): its admin token and first node's admin URL.",
        HelpName = "PATH",
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the server's JSON instead of a table." };

    public void AddTo(Command command)
    {
        command.Add(Admin);
        command.Add(Token);
        command.Add(ClusterFile);
        command.Add(Json);
    }

    public bool TryResolve(ParseResult parse, out AdminTarget? target, out string? error) =>
        AdminTarget.TryResolve(parse.GetValue(Admin), parse.GetValue(Token), parse.GetValue(ClusterFile),
            Environment.GetEnvironmentVariable, out target, out error);
}
