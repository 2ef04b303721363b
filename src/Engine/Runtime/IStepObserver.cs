namespace ModelCheck.Engine;

/// <summary>
/// A strategy that reduces by partial order (<see cref="DporStrategy"/>) must see every step, not only
/// the decisions: what each step touched decides which interleavings are equivalent. The runtime asks
/// the strategy for this interface once, so strategies without it pay one null check per step.
/// </summary>
internal interface IStepObserver
{
    /// <summary>
    /// Before each step, with the enabled tasks (one or more). False ends the execution as
    /// <see cref="ExecutionStatus.Redundant"/>: every way on would repeat an execution already explored.
    /// </summary>
    bool BeforeStep(ReadOnlySpan<int> enabled);

    /// <summary>After each step: the task that ran and the accesses it made, in order.</summary>
    void AfterStep(int task, ReadOnlySpan<Access> accesses);

    /// <summary>The running step joined <paramref name="task"/>: it is ordered after that task's last step.</summary>
    void OnJoin(int task);

    /// <summary>The running step parked on <paramref name="obj"/> and so read or changed its state (an RWMutex queueing a reader or announcing a writer).</summary>
    void OnParked(int obj, bool write);

    /// <summary>The running step holds a history's call or return (<see cref="Runtime.MarkRealTimeEvent"/>).</summary>
    void OnRealTimeEvent(bool completes);

    /// <summary>
    /// When an execution ends: <paramref name="task"/> waits, unable to proceed, to take <paramref name="obj"/>
    /// (<paramref name="op"/> is a lock, read lock or wait). Had it come first it might have got through,
    /// so its attempt races with the operations that hold it off.
    /// </summary>
    void OnBlocked(int task, int obj, OpKind op);
}
