using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using BetExecutor.Actors.Accounts;
using BetExecutor.Actors.Serialization;
using BetExecutor.Domain.Identities;
using BetExecutor.Domain.Signals;
using BetExecutor.Ingress.Signals;

namespace BetExecutor.Crash.Tests.Support;

/// <summary>A signal as the test sent it, and the answer it finally got (if any incarnation answered).</summary>
public sealed class SentSignal(Signal signal, PlannedSignal plan)
{
    public Signal Signal { get; } = signal;
    public PlannedSignal Plan { get; } = plan;
    public List<(int Incarnation, DateTimeOffset At)> Sends { get; } = [];
    public SignalAnswer? Answer { get; set; }

    /// <summary>Every answer in the order it came, unknowns included (an unknown is not final: the signal is asked again).</summary>
    public List<SignalAnswer> Answers { get; } = [];
    public int AnsweredBy { get; set; }

    /// <summary>The executor's decision: a repeat answers with the first one.</summary>
    public bool Executed => Answer is { Kind: SignalAnswerKind.Executed } or { Kind: SignalAnswerKind.Duplicate, First.Accepted: true };
}

/// <summary>
/// The test's side of the stdin feed, across node incarnations: writes commands in the feed's line format
/// (<see cref="SignalJson"/>, <see cref="IdentityJson"/>), reads answers in the node's wire format
/// (<see cref="BetExecutorJsonSerializer.Options"/>) and routes them back by signal id or identity.
/// Answers of a killed incarnation that never arrived stay missing; such signals are sent again.
/// </summary>
public sealed class ExecutorFeed
{
    private static readonly JsonSerializerOptions Wire = BetExecutorJsonSerializer.Options;

    private readonly ConcurrentDictionary<string, SentSignal> _signals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AccountStatus>> _statusWaiters = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _contradictions = new();
    private NodeProcess? _node;

    public IReadOnlyCollection<SentSignal> Signals => _signals.Values.OrderBy(s => s.Plan.Number).ToArray();

    public IReadOnlyCollection<string> Errors => _errors.ToArray();

    /// <summary>Answers to one signal that disagree (a repeat must answer duplicate, with the first decision).</summary>
    public IReadOnlyCollection<string> Contradictions => _contradictions.ToArray();

    public IEnumerable<SentSignal> Unanswered => Signals.Where(s => s.Answer is null);

    private TaskCompletionSource _nextAnswer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the next first answer to a signal arrives. Take it before checking <see cref="Unanswered"/>, so none is missed.</summary>
    public Task NextAnswer => Volatile.Read(ref _nextAnswer).Task;

    /// <summary>The incarnation commands go to from now on (null while none runs).</summary>
    public void Attach(NodeProcess? node)
    {
        _node = node;
        if (node is not null) return;
        foreach (var waiter in _statusWaiters.Values) waiter.TrySetCanceled();
        _statusWaiters.Clear();
    }

    /// <summary>Sends (or sends again, with the same signal id) a signal; false if the node is gone.</summary>
    public bool Send(Signal signal, PlannedSignal plan)
    {
        var sent = _signals.GetOrAdd(signal.SignalId, _ => new SentSignal(signal, plan));
        var node = _node;
        if (node is null) return false;
        lock (sent) sent.Sends.Add((node.Incarnation, DateTimeOffset.UtcNow));
        var line = new JsonObject { ["execute"] = SignalJson.Write(signal) }.ToJsonString();
        return node.TrySend(line);
    }

    /// <summary>Asks for an identity's status; the task fails (cancelled) if the incarnation dies first.</summary>
    public Task<AccountStatus> RequestStatus(Identity identity)
    {
        var node = _node ?? throw new InvalidOperationException("no node is running");
        var waiter = _statusWaiters.GetOrAdd(identity.Key, _ => new TaskCompletionSource<AccountStatus>(TaskCreationOptions.RunContinuationsAsynchronously));
        var line = new JsonObject { ["status"] = IdentityJson.Write(identity) }.ToJsonString();
        if (!node.TrySend(line)) waiter.TrySetCanceled();
        return waiter.Task;
    }

    public async Task<AccountStatus?> StatusWithin(Identity identity, TimeSpan timeout)
    {
        var task = RequestStatus(identity);
        try
        {
            return await task.WaitAsync(timeout);
        }
        catch (Exception ex) when (ex is TimeoutException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>One line of the node's standard output. Lines that are not JSON objects (Akka's last words) are ignored.</summary>
    public void OnStdout(int incarnation, string line)
    {
        if (!line.StartsWith('{')) return;
        JsonObject reply;
        try
        {
            reply = JsonNode.Parse(line)?.AsObject() ?? throw new JsonException("null");
        }
        catch (JsonException)
        {
            _errors.Enqueue($"#{incarnation}: unreadable stdout line: {line}");
            return;
        }
        if (reply["answer"] is { } answerNode && answerNode.Deserialize<SignalAnswer>(Wire) is { } answer)
        {
            if (_signals.TryGetValue(answer.SignalId, out var sent))
            {
                lock (sent)
                {
                    sent.Answers.Add(answer);
                    // Unknown is not a decision: the signal is sent again with its id and hears the stored one.
                    if (answer.Kind == SignalAnswerKind.Unknown) return;
                    // The first answer decides; a later one (a repeat sent after a restart) must agree with it.
                    if (sent.Answer is null)
                    {
                        sent.Answer = answer;
                        sent.AnsweredBy = incarnation;
                        Interlocked.Exchange(ref _nextAnswer, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
                    }
                    else if (answer.Kind != SignalAnswerKind.Duplicate || answer.First?.Accepted != sent.Executed)
                    {
                        _contradictions.Enqueue($"signal {answer.SignalId}: first answered {sent.Answer.Kind} by #{sent.AnsweredBy}, then {answer.Kind} (first accepted: {answer.First?.Accepted}) by #{incarnation}");
                    }
                }
            }
            else _errors.Enqueue($"#{incarnation}: answer for a signal never sent: {line}");
        }
        else if (reply["status"] is { } statusNode && statusNode.Deserialize<AccountStatus>(Wire) is { } status)
        {
            if (_statusWaiters.TryRemove(status.Identity.Key, out var waiter)) waiter.TrySetResult(status);
        }
        else
        {
            _errors.Enqueue($"#{incarnation}: {line}");
        }
    }
}
