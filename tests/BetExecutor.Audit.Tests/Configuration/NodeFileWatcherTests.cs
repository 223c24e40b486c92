using BetExecutor.Actors;
using BetExecutor.Actors.Time;
using BetExecutor.Node.Hosting;
using BetExecutor.Venues.Contract;
using BetExecutor.Venues.Simulator;
using Serilog.Core;

namespace BetExecutor.Audit.Tests.Configuration;

/// <summary>Alone, after the parallel tests: it counts the process's inotify instances, which other tests' nodes also use.</summary>
[CollectionDefinition(nameof(InotifyCountCollection), DisableParallelization = true)]
public sealed class InotifyCountCollection;

/// <summary>
/// A node watches no file. Linux allows 128 inotify instances per user by default; the generic host's default
/// configuration watched appsettings.json (which a node never reads) with one instance per node, and a machine running
/// many nodes — the test suite, a local cluster — ran out of them: nodes and tests failed to start.
/// </summary>
[Collection(nameof(InotifyCountCollection))]
public sealed class NodeFileWatcherTests
{
    [Fact]
    public async Task Starting_and_running_a_node_opens_no_inotify_instance()
    {
        var before = InotifyInstances();

        var services = new ExecutorServices(new RealClock(), new SingleVenueDirectory(new VenueSimulator(TimeProvider.System, seed: 0)),
            ExecutorSettings.Default("watcher-free"), NoObserver.Instance);
        await using var node = await EmbeddedNode.StartAsync(new NodeOptions("watcher-free"), services, Logger.None);
        var running = InotifyInstances();

        Assert.Equal(before, running);
    }

    /// <summary>The process's open descriptors that are inotify instances (each FileSystemWatcher holds one).</summary>
    private static int InotifyInstances() =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos()
            .Count(fd => { try { return fd.LinkTarget == "anon_inode:inotify"; } catch (IOException) { return false; } });
}
