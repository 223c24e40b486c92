using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.KillSwitch;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.KillSwitch;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Serialization;

/// <summary>
/// The stable name of every persisted or remote type. A manifest is never a CLR type name, so renaming or moving a
/// class cannot break a journal; a changed shape is a new record under a new <c>.vN</c> manifest, and the old one
/// stays here for as long as journals may hold it.
/// </summary>
public static class Manifests
{
    private static readonly (string Manifest, Type Type)[] All =
    [
        ("pair.positive-intent-recorded.v1", typeof(PositiveIntentRecorded)),
        ("pair.abandoned.v1", typeof(PairAbandoned)),
        ("pair.positive-accepted.v1", typeof(PositiveAccepted)),
        ("pair.positive-rejected.v1", typeof(PositiveRejected)),
        ("pair.positive-outcome-unknown.v1", typeof(PositiveOutcomeUnknown)),
        ("pair.positive-not-found.v1", typeof(PositiveNotFound)),
        ("pair.positive-watch-ended.v1", typeof(PositiveWatchEnded)),
        ("pair.hedge-intent-recorded.v1", typeof(HedgeIntentRecorded)),
        ("pair.hedge-accepted.v1", typeof(HedgeAccepted)),
        ("pair.hedge-rejected.v1", typeof(HedgeRejected)),
        ("pair.hedge-outcome-unknown.v1", typeof(HedgeOutcomeUnknown)),
        ("pair.hedge-not-found.v1", typeof(HedgeNotFound)),
        ("pair.settlement-polled.v1", typeof(SettlementPolled)),
        ("pair.settled.v1", typeof(PairSettled)),
        ("pair.exposure-raised.v1", typeof(ExposureRaised)),
        ("pair.snapshot.v1", typeof(PairSnapshot)),

        ("account.signal-accepted.v1", typeof(SignalAccepted)),
        ("account.signal-denied.v1", typeof(SignalDenied)),
        ("account.cooldown-extended.v1", typeof(CooldownExtended)),
        ("account.pair-hedged.v1", typeof(PairHedged)),
        ("account.pair-finished.v1", typeof(PairFinished)),
        ("account.exposure-opened.v1", typeof(ExposureOpened)),
        ("account.exposure-resolved.v1", typeof(ExposureResolved)),
        ("account.identity-halted.v1", typeof(IdentityHalted)),
        ("account.identity-resumed.v1", typeof(IdentityResumed)),
        ("account.identity-limited.v1", typeof(IdentityLimited)),
        ("account.snapshot.v1", typeof(AccountSnapshot)),

        ("msg.execute-signal.v1", typeof(ExecuteSignal)),
        ("msg.halt-identity.v1", typeof(HaltIdentity)),
        ("msg.resume-identity.v1", typeof(ResumeIdentity)),
        ("msg.resolve-exposure.v1", typeof(ResolveExposure)),
        ("msg.get-account-status.v1", typeof(GetAccountStatus)),
        ("msg.signal-answer.v1", typeof(SignalAnswer)),
        ("msg.operator-done.v1", typeof(OperatorAnswer.Done)),
        ("msg.operator-refused.v1", typeof(OperatorAnswer.Refused)),
        ("msg.account-status.v1", typeof(AccountStatus)),
        ("msg.get-signal-state.v1", typeof(GetSignalState)),
        ("msg.signal-state.v1", typeof(SignalState)),

        ("kill-switch.halted-all.v1", typeof(GlobalHaltSwitchedOn)),
        ("kill-switch.resumed-all.v1", typeof(GlobalHaltSwitchedOff)),
        ("msg.halt-all.v1", typeof(HaltAll)),
        ("msg.resume-all.v1", typeof(ResumeAll)),
        ("msg.get-kill-switch.v1", typeof(GetKillSwitch)),
        ("msg.kill-switch-status.v1", typeof(KillSwitchStatus)),
        ("msg.kill-switch-refused.v1", typeof(KillSwitchRefused)),
        ("msg.apply-kill-switch.v1", typeof(ApplyKillSwitch)),
        ("msg.get-applied-kill-switch.v1", typeof(GetAppliedKillSwitch)),
        ("msg.applied-kill-switch.v1", typeof(AppliedKillSwitch)),
        ("msg.get-identity-detail.v1", typeof(GetIdentityDetail)),
        ("msg.identity-detail.v1", typeof(IdentityDetail)),
    ];

    private static readonly Dictionary<Type, string> ByType = All.ToDictionary(e => e.Type, e => e.Manifest);
    private static readonly Dictionary<string, Type> ByManifest = All.ToDictionary(e => e.Manifest, e => e.Type);

    public static IReadOnlyCollection<Type> Types => ByType.Keys;

    public static string Of(Type type) =>
        ByType.TryGetValue(type, out var manifest)
            ? manifest
            : throw new ArgumentException($"{type.FullName} has no manifest; add it to {nameof(Manifests)}");

    public static Type TypeOf(string manifest) =>
        ByManifest.TryGetValue(manifest, out var type)
            ? type
            : throw new ArgumentException($"unknown manifest '{manifest}'");
}
