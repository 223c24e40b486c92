using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace BetExecutor.Node.Hosting;

/// <summary>The generic host every node (process or embedded) runs in.</summary>
public static class NodeHostBuilder
{
    /// <summary>
    /// The default host, without its file watchers: the node reads its settings from HOCON and its own environment
    /// variables, never from appsettings.json, so watching those files for changes buys nothing; and each watcher
    /// holds an inotify instance, of which Linux allows 128 per user by default — a machine running many nodes (the
    /// test suite, a local cluster) ran out of them and nodes failed to start.
    /// </summary>
    public static IHostBuilder Create() =>
        Host.CreateDefaultBuilder()
            .ConfigureHostConfiguration(host => host.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["hostBuilder:reloadConfigOnChange"] = "false",
            }));
}
