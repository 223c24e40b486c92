using Akka.Actor;
using Akka.Cluster;
using Akka.Event;

namespace BetExecutor.Node.Hosting.Membership;

/// <summary>
/// Akka.NET has no join configuration compatibility check, so every node runs this gate (at
/// <c>/user/membership-gate</c>): it asks each other member for its <see cref="PersistenceFingerprint"/> and, when the
/// two differ or the member never answers, the older of the two removes the younger from the cluster (the younger is
/// the one that joined). A node refused this way learns why and stops itself (<see cref="Refused"/>). Members that
/// answer like ours are trusted; which processes may connect at all is decided by mutual TLS (see the README).
/// </summary>
public sealed class MembershipGate : ReceiveActor
{
    public const string Name = "membership-gate";

    // Plain strings on the wire: Akka's primitive serializer carries them, so the gate needs no manifest of its own.
    internal const string Ask = "betexecutor.membership-gate.fingerprint?";
    internal const string AnswerPrefix = "betexecutor.membership-gate.fingerprint=";
    internal const string RefusalPrefix = "betexecutor.membership-gate.refused=";
    internal const string RefusalHeard = "betexecutor.membership-gate.refusal-heard";

    /// <summary>Asked locally (operators, tests): answered with the addresses of the members found to persist like this one.</summary>
    public const string TrustedQuery = "betexecutor.membership-gate.trusted?";

    /// <summary>A member has this long in all to answer (its gate may still be starting when it joins).</summary>
    private const int Attempts = 10;
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A refused member that just answered has this long to confirm it heard why before it is downed anyway: downing
    /// first would quarantine it, and remoting drops what is still queued for it, the reason included.
    /// </summary>
    private const int RefusalAttempts = 3;

    private readonly PersistenceFingerprint _own;
    private readonly Action<string> _refused;
    private readonly Cluster _cluster = Cluster.Get(Context.System);
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HashSet<UniqueAddress> _checking = [];
    private readonly HashSet<Address> _trusted = [];
    private bool _refusedAlready;

    /// <param name="refused">Called once if this node is refused by the cluster, with the reason (one line).</param>
    public MembershipGate(PersistenceFingerprint own, Action<string> refused)
    {
        _own = own;
        _refused = refused;
        Receive<string>(text => text == Ask, _ => Sender.Tell(AnswerPrefix + _own.Encode()));
        Receive<string>(text => text == TrustedQuery, _ => Sender.Tell(string.Join(",", _trusted.Select(a => a.ToString()))));
        Receive<string>(text => text.StartsWith(RefusalPrefix, StringComparison.Ordinal), text => RefusedByCluster(text[RefusalPrefix.Length..], Sender));
        Receive<ClusterEvent.MemberJoined>(e => Check(e.Member));
        Receive<ClusterEvent.MemberUp>(e => Check(e.Member));
        Receive<ClusterEvent.MemberRemoved>(e =>
        {
            _checking.Remove(e.Member.UniqueAddress);
            _trusted.Remove(e.Member.Address);
        });
        Receive<Answer>(OnAnswer);
        Receive<RefusalTold>(OnRefusalTold);
    }

    public static Props Props(PersistenceFingerprint own, Action<string> refused) => Akka.Actor.Props.Create(() => new MembershipGate(own, refused));

    protected override void PreStart() =>
        _cluster.Subscribe(Self, ClusterEvent.SubscriptionInitialStateMode.InitialStateAsEvents,
            typeof(ClusterEvent.MemberJoined), typeof(ClusterEvent.MemberUp), typeof(ClusterEvent.MemberRemoved));

    protected override void PostStop() => _cluster.Unsubscribe(Self);

    private sealed record Answer(Member Member, PersistenceFingerprint? Fingerprint, bool Answered);

    private sealed record RefusalTold(Member Member, bool Heard);

    private void Check(Member member)
    {
        if (member.UniqueAddress.Equals(_cluster.SelfUniqueAddress) || !_checking.Add(member.UniqueAddress)) return;
        var gate = Context.ActorSelection(new RootActorPath(member.Address) / "user" / Name);
        AskAsync(gate, member).PipeTo(Self);
    }

    private static async Task<Answer> AskAsync(ActorSelection gate, Member member)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            try
            {
                var text = await gate.Ask<string>(Ask, AttemptTimeout);
                return new Answer(member, text.StartsWith(AnswerPrefix, StringComparison.Ordinal) ? PersistenceFingerprint.Decode(text[AnswerPrefix.Length..]) : null, true);
            }
            catch (AskTimeoutException)
            {
                // not started yet, or not one of ours: ask again until the attempts run out
            }
        }
        return new Answer(member, null, false);
    }

    private void OnAnswer(Answer answer)
    {
        if (answer.Fingerprint == _own)
        {
            _trusted.Add(answer.Member.Address);
            _log.Debug("Member {0} persists like this node ({1})", answer.Member.Address, _own);
            return;
        }
        var theirs = answer.Answered ? answer.Fingerprint?.ToString() ?? "an unreadable answer" : "no answer";
        var current = _cluster.State.Members.FirstOrDefault(m => m.UniqueAddress.Equals(answer.Member.UniqueAddress));
        if (current is null) return; // already gone
        var self = _cluster.SelfMember;
        if (self.Status == MemberStatus.Up && (current.Status == MemberStatus.Joining || self.IsOlderThan(current)))
        {
            _log.Error("Refusing member {0}: its persistence ({1}) differs from this cluster's ({2})", current.Address, theirs, _own);
            var reason = $"this node's persistence ({theirs}) differs from the cluster's ({_own}) at {self.Address}; every member must use the same storage";
            if (answer.Answered)
                TellRefusalAsync(Context.ActorSelection(new RootActorPath(current.Address) / "user" / Name), current, reason).PipeTo(Self);
            else
                _cluster.Down(current.Address); // nobody answered: nobody to tell
        }
        else if (answer.Fingerprint is not null)
        {
            RefusedByCluster($"this node's persistence ({_own}) differs from the cluster's ({answer.Fingerprint}) at {current.Address}; every member must use the same storage");
        }
    }

    /// <summary>Tells the refused member why, until it confirms or the attempts run out.</summary>
    private static async Task<RefusalTold> TellRefusalAsync(ActorSelection gate, Member member, string reason)
    {
        for (var attempt = 0; attempt < RefusalAttempts; attempt++)
        {
            try
            {
                if (await gate.Ask<string>(RefusalPrefix + reason, AttemptTimeout) == RefusalHeard) return new RefusalTold(member, true);
            }
            catch (AskTimeoutException)
            {
                // busy, or already gone: tell again until the attempts run out
            }
        }
        return new RefusalTold(member, false);
    }

    /// <summary>The refused member downs itself once told; downed here as well, in case it could not.</summary>
    private void OnRefusalTold(RefusalTold told)
    {
        if (!told.Heard) _log.Warning("Refused member {0} did not confirm it was told why; downing it", told.Member.Address);
        _cluster.Down(told.Member.Address);
    }

    private void RefusedByCluster(string reason, IActorRef? teller = null)
    {
        var first = !_refusedAlready;
        if (first)
        {
            _refusedAlready = true;
            _log.Error("This node was refused by the cluster: {0}", reason);
            _refused(reason);
        }
        // Confirmed (the reason is recorded) before this node downs itself: the member that told it waits for this.
        teller?.Tell(RefusalHeard);
        if (first) _cluster.Down(_cluster.SelfAddress);
    }
}
