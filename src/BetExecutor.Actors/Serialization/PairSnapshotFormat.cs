using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Serialization;

/// <summary>
/// How a pair's state is stored in <c>pair.snapshot.v1</c>: its phase as a closed hierarchy, each case under a stable
/// code (<c>{"kind": "settling", ...}</c>), and only what the state is made of: properties derived from it (a phase's
/// status, a settling pair's "is final") are not written, so the stored form holds no second copy that could disagree.
/// </summary>
public static class PairSnapshotFormat
{
    /// <summary>
    /// The stored spelling of every phase: its status's stable code (<see cref="PairStatusExtensions.Code"/>). A rename of
    /// a C# type changes nothing stored; a new phase needs a line here.
    /// </summary>
    public static IReadOnlyList<(Type Type, string Code)> PhaseCodes { get; } =
    [
        (typeof(PairPhase.NotStarted), PairStatus.NotStarted.Code()),
        (typeof(PairPhase.PositivePending), PairStatus.PositivePending.Code()),
        (typeof(PairPhase.PositiveUnknown), PairStatus.PositiveUnknown.Code()),
        (typeof(PairPhase.PositiveWatching), PairStatus.PositiveWatching.Code()),
        (typeof(PairPhase.PositiveAccepted), PairStatus.PositiveAccepted.Code()),
        (typeof(PairPhase.HedgePending), PairStatus.HedgePending.Code()),
        (typeof(PairPhase.HedgeUnknown), PairStatus.HedgeUnknown.Code()),
        (typeof(PairPhase.HedgeRetryWaiting), PairStatus.HedgeRetryWaiting.Code()),
        (typeof(PairPhase.HedgeFailed), PairStatus.HedgeFailed.Code()),
        (typeof(PairPhase.Settling), PairStatus.Settling.Code()),
        (typeof(PairPhase.Abandoned), PairStatus.Abandoned.Code()),
        (typeof(PairPhase.PositiveRejected), PairStatus.PositiveRejected.Code()),
        (typeof(PairPhase.Settled), PairStatus.Settled.Code()),
        (typeof(PairPhase.Exposed), PairStatus.Exposed.Code()),
    ];

    public static void DescribePhases(JsonTypeInfo info)
    {
        if (info.Type != typeof(PairPhase)) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = "kind",
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            IgnoreUnrecognizedTypeDiscriminators = false,
        };
        foreach (var (type, code) in PhaseCodes) info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(type, code));
    }

    /// <summary>Drops the read-only (computed) properties of the pair's snapshot, state and phases from the stored form.</summary>
    public static void OmitDerivedProperties(JsonTypeInfo info)
    {
        if (info.Type != typeof(PairSnapshot) && info.Type != typeof(PairState) && !typeof(PairPhase).IsAssignableFrom(info.Type)) return;
        if (info.Kind != JsonTypeInfoKind.Object) return;
        for (var i = info.Properties.Count - 1; i >= 0; i--)
            if (info.Properties[i].Set is null) info.Properties.RemoveAt(i);
    }
}
