namespace ModelCheck.Engine;

/// <summary>
/// A scheduler outside the engine (Microsoft Coyote's) that runs an execution's tasks as its own
/// controlled tasks. The engine still performs every step (the parked continuation, the operation, the
/// bug checks) exactly as under its own scheduler; the host only decides which task's step runs when,
/// and answers data choices. Implemented in ModelCheck.Coyote, so the engine needs no reference to it.
/// </summary>
public interface IExecutionHost
{
    /// <summary>Starts a concurrent task of the host that runs <paramref name="body"/>; it first runs when the host schedules it.</summary>
    void Start(Action body);

    /// <summary>
    /// A scheduling point before the running task's next step: the host may run other tasks first.
    /// <paramref name="yielding"/> is true before a <see cref="Runtime.Yield"/>, which a host may use to
    /// lower the task's priority.
    /// </summary>
    void SchedulingPoint(bool yielding);

    /// <summary>Blocks the running task until <paramref name="condition"/> holds, letting the host run others meanwhile.</summary>
    void WaitUntil(Func<bool> condition);

    /// <summary>A value in [0, <paramref name="count"/>) from the host's controlled nondeterminism (count at least two).</summary>
    int Choose(int count);

    /// <summary>
    /// Ends the execution with <paramref name="bug"/>; called once, by the task that found it.
    /// <paramref name="choices"/> is the execution's schedule and data choices in the engine's form:
    /// a trace of them replays the same bug under the engine's own scheduler.
    /// </summary>
    void Report(Bug bug, Choice[] choices);

    /// <summary>
    /// True for the host's own control-flow exceptions (it cancels an execution by throwing them into
    /// the running task): they pass through the task's code instead of becoming an `exception` bug.
    /// </summary>
    bool IsHostException(Exception e);
}
