using System.Collections.Concurrent;
using System.Globalization;

namespace BetExecutor.Crash.Tests.Support;

/// <summary>
/// Every node incarnation's standard error, in one file (for a failure's post-mortem) and the last lines in memory
/// (for failure messages). Lines are prefixed with the incarnation and the time they were read.
/// </summary>
public sealed class NodeLog : IDisposable
{
    private const int TailLength = 80;

    private readonly StreamWriter _file;
    private readonly ConcurrentQueue<string> _tail = new();
    private readonly Lock _gate = new();
    private bool _disposed;

    public NodeLog(string path)
    {
        Path = path;
        _file = new StreamWriter(path, append: false) { AutoFlush = true };
    }

    public string Path { get; }

    public void Add(int incarnation, string line)
    {
        var stamped = string.Create(CultureInfo.InvariantCulture, $"[{DateTimeOffset.UtcNow:HH:mm:ss.fff} #{incarnation}] {line}");
        lock (_gate)
        {
            if (_disposed) return; // a line read after the test ended
            _file.WriteLine(stamped);
            _tail.Enqueue(stamped);
            while (_tail.Count > TailLength) _tail.TryDequeue(out _);
        }
    }

    public string Tail()
    {
        lock (_gate) return string.Join(Environment.NewLine, _tail);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _file.Dispose();
        }
    }
}
