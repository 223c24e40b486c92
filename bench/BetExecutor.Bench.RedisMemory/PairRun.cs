using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Signals;
using BetExecutor.Simulation;
using BetExecutor.Venues.Scripts;

namespace BetExecutor.Bench.RedisMemory;

/// <summary>Rounds of signals, one per identity each, every pair placed, hedged and settled, as on a quiet day.</summary>
internal static class PairRun
{
    private static readonly Identity Hedger = Identity.Create("exchange", "main", "hedger");

    public static Identity[] Accounts(int identities) =>
        Enumerable.Range(0, identities).Select(i => Identity.Create("bookie", "brand1", $"acct{i:0000}")).ToArray();

    /// <returns>how many signals were answered each way.</returns>
    public static async Task<IReadOnlyDictionary<string, int>> ExecuteAsync(ExecutorSimulation simulation, int identities, int rounds)
    {
        var answers = new Dictionary<string, int>();
        var accounts = Accounts(identities);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var account in accounts)
            {
                var signal = new Signal($"s-{round}-{account.Account}", account,
                    new SportEvent($"match-{round}", simulation.Clock.UtcNow.AddHours(2)),
                    new PositiveLegSpec("match-odds", "home", 2.10m, 50m, "EUR"),
                    new HedgeLegSpec(Hedger, "match-odds", "not-home", 2.05m, 1.95m));
                // With retention on, the node's references also hash the acceptance's instant: now, on the virtual clock.
                var acceptedAt = simulation.Node.ReferencePerAcceptance ? simulation.Clock.UtcNow : (DateTimeOffset?)null;
                simulation.Venue.Script(ClientReference.For(account, signal.PairId, LegKind.Positive, acceptedAt), new LegScript(PlaceScript.Parse("accept", "place"), SettlementState.Won, TimeSpan.Zero));
                simulation.Venue.Script(ClientReference.For(account, signal.PairId, LegKind.Hedge, acceptedAt), new LegScript(PlaceScript.Parse("accept", "place"), SettlementState.Lost, TimeSpan.Zero));
                var answer = await simulation.ExecuteAsync(signal);
                var kind = $"{answer.Kind} {answer.Reason}".Trim();
                if (answer.Reason is not null && !answers.ContainsKey(kind)) Console.WriteLine($"{kind}: {answer.Detail}");
                answers[kind] = answers.GetValueOrDefault(kind) + 1;
            }
            // Past every cooldown, then let the round's pairs settle.
            await simulation.RunUntilQuietAsync(simulation.Clock.UtcNow.AddHours(4));
            await simulation.AdvanceByAsync(TimeSpan.FromMinutes(2));
        }
        return answers;
    }
}
