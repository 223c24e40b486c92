using BetExecutor.LocalCluster;

// The launcher behind scripts/local-cluster (which builds what it needs and passes the paths):
//   up   --dir DIR --node NODE.dll --venue VENUE.dll [--nodes N] [--hocon FILE]
//   down --dir DIR
//   check --dir DIR  (exit 1 with one line if the cluster cluster.json names still runs)
// A failure ends in one line on standard error and exit 1 (2 for bad usage).

const string Usage = "usage: BetExecutor.LocalCluster up --dir DIR --node NODE.dll --venue VENUE.dll [--nodes N] [--hocon FILE] | down --dir DIR";

if (args.Length == 0 || args[0] is "--help" or "-h")
{
    Console.WriteLine(Usage);
    return args.Length == 0 ? 2 : 0;
}

var values = new Dictionary<string, string>();
for (var i = 1; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
        return Fail(2, $"unknown or incomplete argument '{args[i]}' ({Usage})");
    values[args[i][2..]] = args[++i];
}
string? Value(string name) => values.GetValueOrDefault(name);
var directory = Value("dir") ?? ".local-cluster";

try
{
    switch (args[0])
    {
        case "up":
            return await CommandLine.UpAsync(directory, Value("node"), Value("venue"), Value("nodes"), Value("hocon"));
        case "check":
            CommandLine.RefuseIfRunning(directory);
            return 0;
        case "down":
            return await CommandLine.DownAsync(directory);
        default:
            return Fail(2, $"unknown command '{args[0]}' ({Usage})");
    }
}
catch (LaunchException e)
{
    return Fail(1, e.Message);
}

static int Fail(int code, string line)
{
    Console.Error.WriteLine($"local-cluster: {line}");
    return code;
}
