using BetExecutor.Soak.Tests.Support;

namespace BetExecutor.Soak.Tests;

/// <summary>The soak's tests share one run: it is the expensive part.</summary>
[CollectionDefinition(Name)]
public sealed class SoakCollection : ICollectionFixture<SoakFixture>
{
    public const string Name = "soak";
}

/// <summary>Runs the soak once; every test in <see cref="SoakCollection"/> reads the same run.</summary>
public sealed class SoakFixture : IAsyncLifetime
{
    public SoakPlan Plan { get; } = new();

    public SoakResult Result { get; private set; } = null!;

    public SoakLedger Ledger { get; private set; } = null!;

    public SoakSummary Summary { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Result = await SoakRun.RunAsync(Plan);
        Ledger = new SoakLedger(Result);
        Summary = new SoakSummary(Ledger) { Seed = Plan.Seed };
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
