namespace ModelCheck.Engine;

/// <summary>
/// The synchronization context an execution runs under. A task that awaits something uncontrolled
/// (Task.Yield, a raw Task that completes later, Task.Delay) posts its continuation here instead of
/// to the thread pool, and it is dropped: the scheduler has already reported the await, and the
/// scenario's code never runs on another thread. Without it, whether Task.Yield is reported would
/// depend on how fast the pool runs the continuation. A raw Task completed by the running task
/// itself (a nested async method) still continues inline, because this context is current then.
/// </summary>
sealed class UncontrolledContinuations : System.Threading.SynchronizationContext
{
    public static readonly UncontrolledContinuations Instance = new();

    UncontrolledContinuations() { }

    public override void Post(System.Threading.SendOrPostCallback d, object? state) { }

    public override void Send(System.Threading.SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("a controlled execution cannot run code synchronously on another context");

    public override System.Threading.SynchronizationContext CreateCopy() => this;
}
