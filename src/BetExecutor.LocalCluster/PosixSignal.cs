using System.Runtime.InteropServices;

namespace BetExecutor.LocalCluster;

/// <summary>The signals the launcher sends, by pid only (never by name).</summary>
public enum PosixSignal
{
    Kill = 9,
    Term = 15,
    Continue = 18,
    Stop = 19,
}

internal static class Posix
{
    [DllImport("libc", SetLastError = true, EntryPoint = "kill")]
    private static extern int NativeKill(int pid, int signal);

    /// <summary>Sends the signal; false when no process has that pid (it is gone).</summary>
    public static bool Send(int pid, PosixSignal signal)
    {
        if (pid <= 1) throw new ArgumentOutOfRangeException(nameof(pid), pid, "refusing to signal pid 0, 1 or a process group");
        return NativeKill(pid, (int)signal) == 0;
    }

    /// <summary>
    /// The process's start time in clock ticks since boot (field 22 of /proc/PID/stat), or null if there is no such
    /// process or it is a zombie. A pid with another start time is another process: the one we started is gone.
    /// </summary>
    public static long? StartTicks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        if (fields[0] == "Z") return null;
        return long.Parse(fields[19], System.Globalization.CultureInfo.InvariantCulture);
    }
}
