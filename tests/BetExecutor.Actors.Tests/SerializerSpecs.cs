using System.Text.Json;
using Akka.Serialization;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.KillSwitch;
using BetExecutor.Actors.Serialization;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Events;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.KillSwitch;
using BetExecutor.Domain.Legs;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Tests;

/// <summary>Every persisted or remote type round-trips through the versioned JSON serializer, under its stable manifest.</summary>
public sealed class SerializerSpecs : ActorSpecBase
{
    private static readonly EventMeta Meta = new(Start, Alice.Key, "s-1", "node-a", "inc-1");
    private static readonly LegSnapshot Leg = new(Alice.Key, "bx-1-p", 50m, 2.10m, "bet-1", 50m, 2.10m, SettlementState.Won);
    private static readonly ExposureRecord Exposure = new("s-1", Alice.Key, ExposureReason.Unhedged, "hedge refused", Leg, Leg with { BetId = null }, Start, Start.AddHours(24))
    {
        ResolvedAt = Start.AddHours(1), Resolution = "hedged by hand", ResolvedBy = "ops",
    };

    public static IEnumerable<object[]> Samples()
    {
        var signal = SignalFor(Alice, "s-1");
        var exposed = new PairOutcome.Exposed(ExposureReason.PollLimitReached, "not final after 120 polls", Leg, Leg with { Settlement = SettlementState.Pending });
        object[] all =
        [
            new PositiveIntentRecorded(signal, new ClientReference("bx-1-p"), 50m, 2.10m, Start) { Meta = Meta },
            new PairAbandoned(AbandonReason.StaleSignal, "the pair could only start 00:00:12 after its signal was accepted") { Meta = Meta },
            new PositiveAccepted(new AcceptedBet("bet-1", 50m, 2.1m)) { Meta = Meta },
            new PositiveRejected("MARKET_CLOSED", true) { Meta = Meta },
            new PositiveOutcomeUnknown("timeout") { Meta = Meta },
            new PositiveNotFound(Start.AddMinutes(3)) { Meta = Meta },
            new PositiveWatchEnded { Meta = Meta },
            new HedgeIntentRecorded(new ClientReference("bx-1-h"), 2, 51.22m, 2.05m) { Meta = Meta },
            new HedgeAccepted(new AcceptedBet("bet-2", 51.22m, 2.05m)) { Meta = Meta },
            new HedgeRejected("PRICE_CHANGED", false, 1, Start.AddSeconds(2), 2.01m) { Meta = Meta },
            new HedgeOutcomeUnknown("timeout") { Meta = Meta },
            new HedgeNotFound(1, null) { Meta = Meta },
            new SettlementPolled(3, SettlementState.Pending, null) { Meta = Meta },
            new PairSettled(SettlementState.Won, SettlementState.Lost) { Meta = Meta },
            new ExposureRaised(ExposureReason.BothLost, "both lost", Leg, Leg) { Meta = Meta },
            new SignalAccepted(signal, Start.AddSeconds(60)) { Meta = Meta },
            new SignalDenied("s-2", DenialReason.Cooldown, "cooldown until ...") { Meta = Meta },
            new SignalAccepted(signal, Start.AddSeconds(60), Start, SubmittedBy: "desk-a") { Meta = Meta },
            new SignalDenied("s-2", DenialReason.Cooldown, "cooldown until ...", SubmittedBy: "desk-a") { Meta = Meta },
            new PairHedged("s-1") { Meta = Meta },
            new CooldownExtended("s-1", Start.AddSeconds(70)) { Meta = Meta },
            new PairFinished("s-1", exposed) { Meta = Meta },
            new PairFinished("s-1", new PairOutcome.Settled(Leg, Leg with { Settlement = SettlementState.Lost })) { Meta = Meta },
            new PairFinished("s-1", new PairOutcome.NothingStands(NothingStandsReason.PositiveNotFound, "not found by lookups")) { Meta = Meta },
            new ExposureOpened(Exposure) { Meta = Meta },
            new ExposureResolved("s-1", "hedged by hand", "ops") { Meta = Meta },
            new IdentityHalted("maintenance", "ops") { Meta = Meta },
            new IdentityResumed("done", "ops") { Meta = Meta },
            new IdentityLimited("s-1", 100m, 12.5m) { Meta = Meta with { DryRun = true } },
            new ExecuteSignal(signal),
            new ExecuteSignal(signal, Start, "desk-a"),
            new GetSignalState(Alice, "s-1"),
            new SignalState(Alice, "s-1", new SignalStanding(new SignalVerdict("s-1", true, null, "executed", Start, exposed), PairStanding.Exposure,
                ExposureReason: ExposureReason.PollLimitReached), Start.AddMinutes(5)),
            new SignalState(Alice, "s-9", null, Start.AddMinutes(5), DryRun: true),
            new HaltIdentity(Alice, "maintenance", "ops"),
            new ResumeIdentity(Alice, "done", "ops"),
            new ResolveExposure(Alice, "s-1", "hedged by hand", "ops"),
            new GetAccountStatus(Alice),
            new SignalAnswer("s-1", SignalAnswerKind.Duplicate, null, "duplicate", Start.AddSeconds(60),
                new SignalVerdict("s-1", true, null, "executed", Start)),
            new OperatorAnswer.Done("halted"),
            new OperatorAnswer.Refused("not halted"),
            new AccountSnapshot(AccountState.Initial(Alice).Apply(new SignalAccepted(signal, Start.AddSeconds(60)) { Meta = Meta })
                .Apply(new ExposureOpened(Exposure) { Meta = Meta }).Apply(new IdentityHalted("maintenance", "ops") { Meta = Meta })),
            new PairSnapshot(PairState.Initial(Alice, "s-1") with { Phase = new PairPhase.Settled(new PairOutcome.Settled(Leg, Leg with { Settlement = SettlementState.Lost })) }),
            new PairSnapshot(PairState.Initial(Alice, "s-1") with { Phase = new PairPhase.Exposed(exposed) }, Start.AddHours(2)),
            new AccountStatus(Alice, Start.AddSeconds(60), new HaltState("maintenance", "ops", Start), "s-1", ["s-1"], [Exposure], 3, Start),
            new GlobalHaltSwitchedOn("venue outage", "ops") { Meta = Meta with { IdentityKey = KillSwitchState.Subject, PairId = null } },
            new GlobalHaltSwitchedOff("venue back", "ops") { Meta = Meta with { IdentityKey = KillSwitchState.Subject, PairId = null } },
            new HaltAll("venue outage", "ops"),
            new ResumeAll("venue back", "ops"),
            new GetKillSwitch(),
            new KillSwitchStatus(true, "venue outage", "ops", Start, 3),
            new KillSwitchRefused("the global kill switch is off"),
            new ApplyKillSwitch(new KillSwitchStatus(true, "venue outage", "ops", Start, 3)),
            new GetAppliedKillSwitch(),
            new AppliedKillSwitch("node-a", null),
            new GetIdentityDetail(Alice),
            new IdentityDetail(new AccountStatus(Alice, null, null, null, [], [], 0, Start), new IdentityLimits(MaxStake: 100m), 12.5m,
                "akka.tcp://bet-executor@127.0.0.1:4053", "node-a", "inc-1", 17, KillSwitchStatus.NeverSwitched),
        ];
        return all.Select(o => new[] { o });
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Round_trips_through_the_serializer_bound_in_configuration(object sample)
    {
        var serializer = Sys.Serialization.FindSerializerFor(sample);
        Assert.IsType<BetExecutorJsonSerializer>(serializer);

        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, sample);
        var back = Sys.Serialization.Deserialize(serializer.ToBinary(sample), serializer.Identifier, manifest);

        Assert.Equal(sample.GetType(), back.GetType());
        Assert.Equal(JsonSerializer.Serialize(sample, sample.GetType(), BetExecutorJsonSerializer.Options),
            JsonSerializer.Serialize(back, back.GetType(), BetExecutorJsonSerializer.Options));
    }

    [Fact]
    public void Every_manifested_type_has_a_sample_and_a_versioned_manifest()
    {
        var sampled = Samples().Select(s => s[0].GetType()).ToHashSet();
        Assert.All(Manifests.Types, t =>
        {
            Assert.Contains(t, sampled);
            Assert.Matches(@"\.v\d+$", Manifests.Of(t));
        });
    }
}
