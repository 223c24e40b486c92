using System.Text;
using System.Text.Json.Nodes;
using BetExecutor.Actors.Serialization;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;
using static BetExecutor.Domain.Pairs.PairPhase;

namespace BetExecutor.Actors.Tests;

/// <summary>
/// <c>pair.snapshot.v1</c> through the serializer bound in configuration: every phase a pair can be in reads back as
/// the same state (the domain's PairSnapshotTests show that state recovers the pair as its events do), under its
/// stable code, with nothing derived written.
/// </summary>
public sealed class PairSnapshotFormatSpecs : ActorSpecBase
{
    private static readonly LegSnapshot Leg = new(Alice.Key, "bx-1-p", 50m, 2.10m, "bet-1", 50m, 2.10m, SettlementState.Won);

    private static PairPhase Sample(Type phase)
    {
        var core = new PairCore(SignalFor(Alice, "s-1"), Start, new LegAsk(new ClientReference("bx-1-p"), 50m, 2.10m));
        var positive = new AcceptedBet("bet-1", 50m, 2.10m);
        var hedge = new HedgeAttempt(new LegAsk(new ClientReference("bx-1-h"), 51.22m, 2.05m), 2, Start.AddSeconds(1));
        return phase.Name switch
        {
            nameof(NotStarted) => NotStarted.Instance,
            nameof(PositivePending) => new PositivePending(core),
            nameof(PositiveUnknown) => new PositiveUnknown(core, Start.AddSeconds(1)),
            nameof(PositiveWatching) => new PositiveWatching(core, Start.AddMinutes(3)),
            nameof(PairPhase.PositiveAccepted) => new PairPhase.PositiveAccepted(core, positive),
            nameof(HedgePending) => new HedgePending(core, positive, hedge),
            nameof(HedgeUnknown) => new HedgeUnknown(core, positive, hedge, Start.AddSeconds(2)),
            nameof(HedgeRetryWaiting) => new HedgeRetryWaiting(core, positive, hedge, Start.AddSeconds(5), 2.01m),
            nameof(HedgeFailed) => new HedgeFailed(core, positive, hedge),
            nameof(Settling) => new Settling(core, positive, hedge, new AcceptedBet("bet-2", 51.22m, 2.05m), 3, SettlementState.Won, null),
            nameof(Abandoned) => new Abandoned(new PairOutcome.NothingStands(NothingStandsReason.StaleSignal, "too late")),
            nameof(PairPhase.PositiveRejected) => new PairPhase.PositiveRejected(new PairOutcome.NothingStands(NothingStandsReason.PositiveRejectedPermanently, "MARKET_CLOSED")),
            nameof(Settled) => new Settled(new PairOutcome.Settled(Leg, Leg with { Settlement = SettlementState.Lost })),
            nameof(Exposed) => new Exposed(new PairOutcome.Exposed(ExposureReason.BothWon, "both won", Leg, Leg)),
            _ => throw new ArgumentOutOfRangeException(nameof(phase), phase.Name, "a phase without a sample"),
        };
    }

    public static TheoryData<string> Phases => new(PairSnapshotFormat.PhaseCodes.Select(p => p.Code));

    [Fact]
    public void Every_phase_has_a_stable_code()
    {
        var phases = typeof(PairPhase).GetNestedTypes().Where(t => t.IsSubclassOf(typeof(PairPhase)) && !t.IsAbstract);

        Assert.Equal(phases.OrderBy(t => t.Name), PairSnapshotFormat.PhaseCodes.Select(p => p.Type).OrderBy(t => t.Name));
    }

    [Theory]
    [MemberData(nameof(Phases))]
    public void A_pair_snapshot_in_every_phase_reads_back_as_the_same_state(string code)
    {
        var phase = Sample(PairSnapshotFormat.PhaseCodes.Single(p => p.Code == code).Type);
        var snapshot = new PairSnapshot(PairState.Initial(Alice, "s-1") with { Phase = phase });
        var serializer = Sys.Serialization.FindSerializerFor(snapshot);

        var bytes = serializer.ToBinary(snapshot);
        var back = Sys.Serialization.Deserialize(bytes, serializer.Identifier, Akka.Serialization.Serialization.ManifestFor(serializer, snapshot));

        Assert.IsType<BetExecutorJsonSerializer>(serializer);
        Assert.Equal("pair.snapshot.v1", Manifests.Of(typeof(PairSnapshot)));
        Assert.Equal(snapshot, back);
        var json = JsonNode.Parse(bytes)!;
        Assert.Equal(code, json["state"]!["phase"]!["kind"]!.GetValue<string>());
        // Only what the state is made of: no status, outcome or signal copied beside the phase, no retention flag.
        Assert.Equal(["identity", "pairId", "phase"], json["state"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["state"], json.AsObject().Select(p => p.Key));
        Assert.DoesNotContain("isFinal", Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_resolved_exposure_is_stored_and_read_back()
    {
        var snapshot = new PairSnapshot(PairState.Initial(Alice, "s-1") with { Phase = Sample(typeof(Exposed)) }, Start.AddHours(2));
        var serializer = Sys.Serialization.FindSerializerFor(snapshot);

        var back = (PairSnapshot)Sys.Serialization.Deserialize(serializer.ToBinary(snapshot), serializer.Identifier, "pair.snapshot.v1");

        Assert.Equal(Start.AddHours(2), back.ExposureResolvedAt);
        Assert.False(back.HoldsOpen);
    }
}
