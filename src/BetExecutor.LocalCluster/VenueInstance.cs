using System.Diagnostics;
using System.Globalization;

namespace BetExecutor.LocalCluster;

/// <summary>The HTTP venue simulator (the bookmakers' stand-in and the ground truth: its book, GET /bets).</summary>
public sealed class VenueInstance
{
    private VenueInstance(Uri url, ChildProcess process)
    {
        Url = url;
        Process = process;
    }

    public Uri Url { get; }
    public ChildProcess Process { get; }

    public static async Task<VenueInstance> StartAsync(string assembly, int seed, string directory, bool detach, TimeSpan within, TimeProvider time)
    {
        var url = new Uri($"http://127.0.0.1:{LoopbackPorts.Free()}/");
        var process = ChildProcess.Start("venue", "dotnet",
            [assembly, "--urls", url.AbsoluteUri.TrimEnd('/'), "--seed", seed.ToString(CultureInfo.InvariantCulture)],
            new Dictionary<string, string>(), Path.Combine(directory, "logs", "venue.log"), Path.GetDirectoryName(assembly)!, detach, time);
        var venue = new VenueInstance(url, process);
        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (!await Http.AnswersOkAsync(http, "control/clock"))
        {
            if (!process.IsRunning) throw new LaunchException($"the venue simulator exited while starting:\n{process.LogTail()}");
            if (clock.Elapsed > within) throw new LaunchException($"the venue simulator at {url} did not answer within {within.TotalSeconds:0} s");
            await Task.Delay(200);
        }
        return venue;
    }
}

internal static class Http
{
    /// <summary>GET that answers 200; any failure (refused, timeout, other status) is false.</summary>
    public static async Task<bool> AnswersOkAsync(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }
}
