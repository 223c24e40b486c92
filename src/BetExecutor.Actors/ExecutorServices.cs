using BetExecutor.Actors.Time;
using BetExecutor.Bookmakers.Contract;

namespace BetExecutor.Actors;

/// <summary>What every executor actor is built with. One instance per node.</summary>
public sealed record ExecutorServices(
    IExecutorClock Clock,
    IBookmakerDirectory Venues,
    ExecutorSettings Settings,
    IExecutorObserver Observer);
