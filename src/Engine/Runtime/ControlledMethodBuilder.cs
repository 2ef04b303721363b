using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks.Sources;

namespace ModelCheck.Engine;

/// <summary>
/// The async method builder for the nested methods of a model (a map's lookup, its grow step, an entry's
/// load): put <c>[AsyncMethodBuilder(typeof(ControlledMethodBuilder))]</c> on an <c>async ValueTask</c>
/// method, or <c>ControlledMethodBuilder&lt;&gt;</c> on an <c>async ValueTask&lt;T&gt;</c> one. Callers
/// still await a plain ValueTask.
///
/// Why: such a method suspends at almost every call (its first controlled operation parks the task), and
/// the runtime's builders then allocate a state-machine box, a delegate for it and, because an execution
/// runs under <see cref="UncontrolledContinuations"/>, a continuation object for every await of it. On
/// the map scenarios that was a quarter of the processor time. This builder keeps finished boxes in a
/// per-thread pool (so a step allocates nothing once the pools are warm) and resumes the awaiting method
/// inline when the method completes: within a step, on the thread running it, where the runtime's builders
/// would have resumed it too. It captures no execution context (controlled code runs on one thread at a
/// time and keeps no async-local state).
///
/// As with any pooled ValueTask, await the result exactly once.
/// </summary>
public struct ControlledMethodBuilder
{
    ControlledMethodBuilder<Unit> inner;

    public static ControlledMethodBuilder Create() => default;

    public ValueTask Task => inner.Pending is { } box ? new ValueTask(box, box.Version)
        : inner.Halted ? new ValueTask(HaltedCall<Unit>.Instance, 0)
        : inner.Error is { } error ? ValueTask.FromException(error) : default;

    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine =>
        stateMachine.MoveNext();

    public void SetStateMachine(IAsyncStateMachine stateMachine) { }

    public void SetResult() => inner.SetResult(default);

    public void SetException(Exception exception) => inner.SetException(exception);

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine =>
        inner.AwaitOnCompleted(ref awaiter, ref stateMachine);

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine =>
        inner.AwaitUnsafeOnCompleted(ref awaiter, ref stateMachine);
}

/// <summary>The builder of <c>async ValueTask&lt;TResult&gt;</c> model methods; see <see cref="ControlledMethodBuilder"/>.</summary>
public struct ControlledMethodBuilder<TResult>
{
    // Until the method first suspends it has no box: a method that finishes at once allocates nothing.
    internal ControlledMethodBox<TResult>? Pending;
    TResult result;
    internal Exception? Error;
    // A bug halted the execution before the method first suspended: its ValueTask never completes.
    internal bool Halted;

    public static ControlledMethodBuilder<TResult> Create() => default;

    public ValueTask<TResult> Task => Pending is { } box ? new ValueTask<TResult>(box, box.Version)
        : Halted ? new ValueTask<TResult>(HaltedCall<TResult>.Instance, 0)
        : Error is { } error ? ValueTask.FromException<TResult>(error) : new ValueTask<TResult>(result);

    public void Start<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine =>
        stateMachine.MoveNext();

    public void SetStateMachine(IAsyncStateMachine stateMachine) { }

    public void SetResult(TResult value)
    {
        if (Pending is { } box) box.Complete(value, null);
        else result = value;
    }

    public void SetException(Exception exception)
    {
        // A bug ended the execution (Runtime.Fail): nothing of it runs again, so the callers are left waiting
        // for ever instead of being resumed only to rethrow, level after level (a throw costs microseconds,
        // and halted executions are most executions of some scenarios). A pending box is simply abandoned.
        if (exception is ExecutionHaltedException)
        {
            Halted = Pending is null;
            return;
        }
        if (Pending is { } box) box.Complete(default!, ExceptionDispatchInfo.Capture(exception));
        else Error = exception;
    }

    public void AwaitOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : INotifyCompletion where TStateMachine : IAsyncStateMachine =>
        awaiter.OnCompleted(BoxFor(ref stateMachine).MoveNextAction);

    public void AwaitUnsafeOnCompleted<TAwaiter, TStateMachine>(ref TAwaiter awaiter, ref TStateMachine stateMachine)
        where TAwaiter : ICriticalNotifyCompletion where TStateMachine : IAsyncStateMachine =>
        awaiter.UnsafeOnCompleted(BoxFor(ref stateMachine).MoveNextAction);

    ControlledMethodBox<TResult> BoxFor<TStateMachine>(ref TStateMachine stateMachine) where TStateMachine : IAsyncStateMachine
    {
        if (Pending is { } existing) return existing;
        var method = ControlledMethod<TStateMachine, TResult>.Rent();
        // Set before the copy: the state machine moves into the box's method with this builder inside it.
        Pending = method.Box;
        method.StateMachine = stateMachine;
        return method.Box;
    }
}

/// <summary>The result of a model method a bug halted before it first suspended: it never completes.</summary>
internal sealed class HaltedCall<TResult> : IValueTaskSource<TResult>, IValueTaskSource
{
    public static readonly HaltedCall<TResult> Instance = new();

    public ValueTaskSourceStatus GetStatus(short token) => ValueTaskSourceStatus.Pending;

    // The awaiting method is never resumed: the execution is over.
    public void OnCompleted(Action<object?> resume, object? state, short token, ValueTaskSourceOnCompletedFlags flags) { }

    // Only a caller that blocks on the result without awaiting gets here: it stops as the halted method did.
    public TResult GetResult(short token) => throw new ExecutionHaltedException();

    void IValueTaskSource.GetResult(short token) => GetResult(token);
}
