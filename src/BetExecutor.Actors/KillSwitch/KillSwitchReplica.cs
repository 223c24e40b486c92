using Akka.Actor;
using Akka.Event;
using BetExecutor.Actors.Journaling;
using BetExecutor.Domain.KillSwitch;

namespace BetExecutor.Actors.KillSwitch;

/// <summary>
/// Keeps one executor node's <see cref="KillSwitchView"/> in step with the switch: reads the switch's journal when
/// the node starts and every <c>refresh-interval</c> after (so a node that missed a change, or restarted, learns it
/// from storage), and takes the changes the admin API tells it at once. Until its first read or message the view is
/// unknown, and the node's accounts take no new signal. One per executor node, at <see cref="Path"/>.
/// </summary>
public sealed class KillSwitchReplica : ReceiveActor, IWithTimers
{
    public const string Name = "kill-switch-replica";

    /// <summary>Where it runs on every executor node (the admin API sends <see cref="ApplyKillSwitch"/> there).</summary>
    public const string Path = "/user/" + Name;

    private readonly KillSwitchView _view;
    private readonly string _node;
    private readonly TimeSpan _refreshEvery;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private bool _reading;

    public ITimerScheduler Timers { get; set; } = null!;

    public KillSwitchReplica(KillSwitchView view, string node, TimeSpan refreshEvery)
    {
        _view = view;
        _node = node;
        _refreshEvery = refreshEvery;
        Receive<Refresh>(_ => StartRead());
        Receive<Read>(r =>
        {
            _reading = false;
            var status = KillSwitchActor.Replay(r.History.Events
                .Where(e => e.Event is KillSwitchEvent)
                .Select(e => (e.SequenceNr, (KillSwitchEvent)e.Event)));
            Take(status, "its journal");
        });
        Receive<ReadFailed>(f =>
        {
            _reading = false;
            // The view keeps what it knew (unknown stays unknown: no new signal). A node that cannot read the journal
            // cannot store a signal's acceptance either.
            _log.Warning("Reading the kill switch's journal failed: {Error}; the node keeps {State}", f.Cause.GetBaseException().Message,
                _view.Status is null ? "taking no new signal (state unknown)" : "its last known state");
        });
        Receive<ApplyKillSwitch>(a =>
        {
            Take(a.Status, "the admin API");
            Sender.Tell(new AppliedKillSwitch(_node, _view.Status));
        });
        Receive<GetAppliedKillSwitch>(_ => Sender.Tell(new AppliedKillSwitch(_node, _view.Status)));
    }

    public static Props Props(KillSwitchView view, string node, TimeSpan refreshEvery) =>
        Akka.Actor.Props.Create(() => new KillSwitchReplica(view, node, refreshEvery));

    protected override void PreStart()
    {
        StartRead();
        Timers.StartPeriodicTimer("refresh", Refresh.Instance, _refreshEvery);
    }

    private void StartRead()
    {
        if (_reading) return;
        _reading = true;
        JournalHistory.Read(Context, KillSwitchActor.Id, _refreshEvery + TimeSpan.FromSeconds(10))
            .PipeTo(Self, success: history => new Read(history), failure: e => new ReadFailed(e));
    }

    private void Take(KillSwitchStatus status, string source)
    {
        var before = _view.Status;
        if (!_view.Learn(status)) return;
        if (before is null || before.Halted != status.Halted)
            _log.Warning("Kill switch on this node: {State} (from {Source}; event {SequenceNr}{Detail})",
                status.Halted ? "ON, no new signal is taken" : "off", source, status.SequenceNr,
                status.By is null ? "" : $", by {status.By}: {status.Reason}");
    }

    private sealed record Refresh
    {
        public static readonly Refresh Instance = new();
    }

    private sealed record Read(JournalHistoryRead History);

    private sealed record ReadFailed(Exception Cause);
}
