using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BetExecutor.Actors.Serialization;
using BetExecutor.Domain.Accounts;
using BetExecutor.Domain.Exposures;
using BetExecutor.Domain.Pairs;

namespace BetExecutor.Actors.Tests;

/// <summary>
/// The stored format cannot drift silently. <c>Fixtures/stored-events.v1.jsonl</c> holds, one per line, a stored
/// example of every manifest (<c>{"manifest": ..., "payload": ...}</c>), written once and committed. Each must read
/// back through the serializer and write the same JSON again: a renamed property, enum value or outcome case, or a
/// changed code, fails here, and the fix is a new <c>.vN</c> manifest, never an edit of the fixture.
/// </summary>
public sealed class StoredFormatSpecs
{
    private static readonly DateTimeOffset Start = new(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly BetExecutor.Domain.Identities.Identity Alice = BetExecutor.Domain.Identities.Identity.Create("bookie", "brand1", "alice");

    /// <summary>What the serializer bound in configuration does (SerializerSpecs checks the binding), without an actor system per case.</summary>
    private static object Read(string json, string manifest) =>
        JsonSerializer.Deserialize(Encoding.UTF8.GetBytes(json), Manifests.TypeOf(manifest), BetExecutorJsonSerializer.Options)!;

    private static byte[] Write(object o) => JsonSerializer.SerializeToUtf8Bytes(o, o.GetType(), BetExecutorJsonSerializer.Options);

    private static readonly string FixturePath = Path.Combine(AppContext.BaseDirectory, "Fixtures", "stored-events.v1.jsonl");

    private static IReadOnlyList<(int Line, string Manifest, JsonNode Payload)> Stored() =>
        File.ReadAllLines(FixturePath)
            .Select((text, i) => (Line: i + 1, Node: JsonNode.Parse(text)!))
            .Select(l => (l.Line, l.Node["manifest"]!.GetValue<string>(), l.Node["payload"]!))
            .ToList();

    public static IEnumerable<object[]> StoredLines() => Stored().Select(s => new object[] { s.Line, s.Manifest });

    [Fact]
    public void The_fixture_holds_a_stored_example_of_every_manifest_and_nothing_unknown()
    {
        var stored = Stored().Select(s => s.Manifest).ToHashSet();

        Assert.All(Manifests.Types.Select(Manifests.Of), manifest => Assert.Contains(manifest, stored));
        Assert.All(stored, manifest => Manifests.TypeOf(manifest)); // throws for a manifest no type answers to
    }

    [Fact]
    public void The_fixture_holds_every_outcome_case()
    {
        var kinds = Stored().Where(s => s.Manifest == Manifests.Of(typeof(PairFinished)))
            .Select(s => s.Payload["outcome"]!["kind"]!.GetValue<string>()).ToHashSet();

        Assert.Equal(new HashSet<string> { PairOutcome.Settled.StableCode, PairOutcome.NothingStands.StableCode, PairOutcome.Exposed.StableCode }, kinds);
    }

    [Theory]
    [MemberData(nameof(StoredLines))]
    public void A_stored_event_reads_back_and_writes_the_same_json(int line, string manifest)
    {
        var payload = Stored().Single(s => s.Line == line).Payload;
        var read = Read(payload.ToJsonString(), manifest);
        var written = JsonNode.Parse(Write(read));

        Assert.Equal(Manifests.TypeOf(manifest), read.GetType());
        Assert.True(JsonNode.DeepEquals(payload, written),
            $"line {line} ({manifest}) is written differently now:\nstored  {payload.ToJsonString()}\nwritten {written!.ToJsonString()}");
    }

    /// <summary>
    /// <c>submittedBy</c> (who sent the signal) came after version 1 was first stored: a decision stored without it
    /// reads with none and is written exactly as before; one stored with it keeps it.
    /// </summary>
    [Fact]
    public void A_decision_stored_before_submitted_by_existed_reads_with_none_and_one_with_it_keeps_it()
    {
        var accepted = Stored().Where(s => s.Manifest == Manifests.Of(typeof(SignalAccepted)))
            .Select(s => (SignalAccepted)Read(s.Payload.ToJsonString(), s.Manifest)).ToList();
        var denied = Stored().Where(s => s.Manifest == Manifests.Of(typeof(SignalDenied)))
            .Select(s => (SignalDenied)Read(s.Payload.ToJsonString(), s.Manifest)).ToList();

        Assert.Equal([null, "desk-a", "desk-a"], accepted.Select(a => a.SubmittedBy));
        Assert.Equal([null, "desk-a"], denied.Select(d => d.SubmittedBy));
        Assert.DoesNotContain("submittedBy", Encoding.UTF8.GetString(Write(accepted[0])));
    }

    /// <summary>
    /// <c>openItemsFrom</c> (where each open item's events begin, for retention) came after version 1 was first
    /// stored: a snapshot stored without it reads with none, holds every event, and is written exactly as before; one
    /// stored with it holds from its oldest open item.
    /// </summary>
    [Fact]
    public void A_snapshot_stored_before_open_item_origins_existed_reads_with_none_and_holds_every_event()
    {
        var snapshots = Stored().Where(s => s.Manifest == Manifests.Of(typeof(AccountSnapshot)))
            .Select(s => (AccountSnapshot)Read(s.Payload.ToJsonString(), s.Manifest)).ToList();

        Assert.Equal(3, snapshots.Count);
        Assert.Null(snapshots[0].OpenItemsFrom);
        Assert.Equal(new Dictionary<string, long> { ["s-1"] = 1 }, snapshots[1].OpenItemsFrom);
        Assert.Equal(snapshots[1].OpenItemsFrom, snapshots[2].OpenItemsFrom);
        Assert.All(snapshots, s => Assert.Equal(1, ((BetExecutor.Domain.Events.IRetentionHold)s).KeepEventsFrom));
        Assert.DoesNotContain("openItemsFrom", Encoding.UTF8.GetString(Write(snapshots[0])));
        Assert.DoesNotContain("keepEventsFrom", Encoding.UTF8.GetString(Write(snapshots[1])));
    }

    /// <summary>
    /// <c>referencePerAcceptance</c> (the pair's client references also hash its acceptance, with Redis retention on)
    /// came after version 1 was first stored: an acceptance or an in-flight pair stored without it reads as false (the
    /// pair id's references, as it placed under) and is written exactly as before; one stored with it keeps it.
    /// </summary>
    [Fact]
    public void An_acceptance_stored_before_per_acceptance_references_existed_reads_as_the_pair_ids_references()
    {
        var accepted = Stored().Where(s => s.Manifest == Manifests.Of(typeof(SignalAccepted)))
            .Select(s => (SignalAccepted)Read(s.Payload.ToJsonString(), s.Manifest)).ToList();
        var inFlight = Stored().Where(s => s.Manifest == Manifests.Of(typeof(AccountSnapshot)))
            .Select(s => ((AccountSnapshot)Read(s.Payload.ToJsonString(), s.Manifest)).State.InFlight["s-1"]).ToList();

        Assert.Equal([false, false, true], accepted.Select(a => a.ReferencePerAcceptance));
        Assert.Equal([false, false, true], inFlight.Select(p => p.ReferencePerAcceptance));
        Assert.DoesNotContain("referencePerAcceptance", Encoding.UTF8.GetString(Write(accepted[1])));
        Assert.Equal(BetExecutor.Domain.Legs.ClientReference.For(Alice, "s-1", BetExecutor.Domain.Legs.LegKind.Positive), inFlight[0].Reference(Alice, BetExecutor.Domain.Legs.LegKind.Positive));
        Assert.NotEqual(inFlight[0].Reference(Alice, BetExecutor.Domain.Legs.LegKind.Positive), inFlight[2].Reference(Alice, BetExecutor.Domain.Legs.LegKind.Positive));
    }

    [Fact]
    public void Enums_are_stored_as_their_stable_codes_not_their_csharp_names()
    {
        var json = Encoding.UTF8.GetString(Write(
            new ExposureRaised(ExposureReason.PollLimitReached, "d", Leg(), Leg()) { Meta = new(Start, Alice.Key, "s-1") }));

        Assert.Contains("\"reason\":\"poll-limit\"", json);
        Assert.DoesNotContain("PollLimitReached", json);
    }

    [Fact]
    public void An_unknown_code_is_refused_naming_the_type_and_its_codes()
    {
        var stored = Stored().First(s => s.Manifest == Manifests.Of(typeof(ExposureRaised))).Payload.DeepClone();
        stored["reason"] = "poll-limit-reached";

        var error = Assert.Throws<JsonException>(() => Read(stored.ToJsonString(), Manifests.Of(typeof(ExposureRaised))));

        Assert.Contains("'poll-limit-reached' is not a ExposureReason code", error.Message);
        Assert.Contains("poll-limit", error.Message);
    }

    [Fact]
    public void An_unknown_outcome_kind_is_refused()
    {
        var stored = Stored().First(s => s.Manifest == Manifests.Of(typeof(PairFinished))).Payload.DeepClone();
        stored["outcome"]!["kind"] = "exposed";

        Assert.ThrowsAny<JsonException>(() => Read(stored.ToJsonString(), Manifests.Of(typeof(PairFinished))));
    }

    /// <summary>An enum without a registered code would be written by its C# name or number, which a rename changes.</summary>
    [Fact]
    public void Every_enum_reachable_from_a_manifested_type_has_a_stable_code()
    {
        var seen = new HashSet<Type>();
        var enums = new HashSet<Type>();
        foreach (var type in Manifests.Types) Walk(type, seen, enums);

        Assert.NotEmpty(enums);
        Assert.All(enums, e => Assert.Contains(e, StableCodes.EnumTypes));
    }

    private static void Walk(Type type, HashSet<Type> seen, HashSet<Type> enums)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan))
            return;
        if (type.IsEnum)
        {
            enums.Add(type);
            return;
        }
        if (type.IsGenericType)
            foreach (var argument in type.GetGenericArguments()) Walk(argument, seen, enums);
        if (typeof(IEnumerable).IsAssignableFrom(type) && type.IsArray) Walk(type.GetElementType()!, seen, enums);
        // A closed hierarchy is stored by its cases: walk every nested case too.
        foreach (var nested in type.GetNestedTypes(BindingFlags.Public).Where(n => n.IsSubclassOf(type))) Walk(nested, seen, enums);
        if (type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true) return;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)) Walk(property.PropertyType, seen, enums);
    }

    private static LegSnapshot Leg() => new(Alice.Key, "bx-1-p", 50m, 2.10m, null, null, null, null);
}
