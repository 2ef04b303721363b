using System.Runtime.CompilerServices;

namespace ModelCheck.Engine;

/// <summary>
/// One operation on a controlled primitive, as a small struct: how to park the awaiting task (what it
/// waits for) and how to perform the operation once the scheduler resumes it.
/// </summary>
public interface IControlledOperation<out TResult>
{
    void Park(Action continuation);
    TResult Perform();
}

/// <summary>The result of an operation that returns nothing.</summary>
public readonly record struct Unit;

/// <summary>
/// The awaitable every controlled primitive returns. It never completes synchronously: awaiting it is a
/// scheduling point. The operation happens in <see cref="GetResult"/>, when the scheduler resumes the task.
/// Generic over the operation struct so the JIT specialises it and a step allocates nothing.
/// </summary>
public readonly struct ControlledOp<TOp, TResult>(TOp op) : ICriticalNotifyCompletion
    where TOp : struct, IControlledOperation<TResult>
{
    public ControlledOp<TOp, TResult> GetAwaiter() => this;
    public bool IsCompleted => false;
    public void OnCompleted(Action continuation) => op.Park(continuation);
    public void UnsafeOnCompleted(Action continuation) => op.Park(continuation);
    public TResult GetResult() => op.Perform();
}
