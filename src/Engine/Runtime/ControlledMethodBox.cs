using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Tasks.Sources;

namespace ModelCheck.Engine;

/// <summary>
/// A suspended model method's result, once it finishes, until the awaiting method takes it; the method itself
/// (its state machine) is in <see cref="ControlledMethod{TResult}"/>. One box type per result type, not per
/// state machine: the awaiters' calls through IValueTaskSource then meet a few types at each call site, where
/// one box type per method made them resolve the implementation anew (VSD_ResolveStub, 1.9% of chm/J-2).
/// </summary>
internal sealed class ControlledMethodBox<TResult>(ControlledMethod<TResult> method, Action moveNext) : IValueTaskSource<TResult>, IValueTaskSource
{
    TResult result = default!;
    ExceptionDispatchInfo? error;
    bool completed;
    Action<object?>? continuation;
    object? continuationState;

    /// <summary>Distinguishes this use of a pooled box from earlier ones, so a stale ValueTask fails loudly.</summary>
    public short Version { get; private set; }

    /// <summary>Resumes the method: what each of its awaits hands to the awaited operation.</summary>
    public Action MoveNextAction => moveNext;

    public void Complete(TResult value, ExceptionDispatchInfo? failure)
    {
        (result, error, completed) = (value, failure, true);
        if (continuation is { } resume)
        {
            continuation = null;
            resume(continuationState);
        }
    }

    public ValueTaskSourceStatus GetStatus(short token)
    {
        Validate(token);
        return !completed ? ValueTaskSourceStatus.Pending : error is null ? ValueTaskSourceStatus.Succeeded : ValueTaskSourceStatus.Faulted;
    }

    // Scheduling context and execution context are ignored on purpose: see ControlledMethodBuilder.
    public void OnCompleted(Action<object?> resume, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        Validate(token);
        if (completed)
        {
            resume(state);
            return;
        }
        (continuation, continuationState) = (resume, state);
    }

    public TResult GetResult(short token)
    {
        Validate(token);
        if (!completed) throw new InvalidOperationException("a controlled method's result was taken before it finished");
        var (value, failure) = (result, error);
        (result, error, completed, continuationState) = (default!, null, false, null);
        Version++;
        method.Return();
        failure?.Throw();
        return value;
    }

    void IValueTaskSource.GetResult(short token) => GetResult(token);

    void Validate(short token)
    {
        if (token != Version) throw new InvalidOperationException("a controlled method's ValueTask was awaited twice or after its result was taken");
    }
}

/// <summary>A suspended model method's state machine, pooled with its box.</summary>
internal abstract class ControlledMethod<TResult>
{
    /// <summary>Gives this method and its box back to the pool, once the box's result was taken.</summary>
    public abstract void Return();
}

/// <summary>The method of one state-machine type, pooled per thread (several runtimes may run at once, each on its own thread).</summary>
internal sealed class ControlledMethod<TStateMachine, TResult> : ControlledMethod<TResult>
    where TStateMachine : IAsyncStateMachine
{
    const int PoolLimit = 16;
    // One thread-static object rather than an array and a count: a generic type's thread-static costs a call
    // into the runtime at each access, and a nested call rents and returns a box.
    [ThreadStatic] static Pool? pool;

    sealed class Pool
    {
        public readonly ControlledMethod<TStateMachine, TResult>?[] Methods = new ControlledMethod<TStateMachine, TResult>?[PoolLimit];
        public int Count;
    }

    public TStateMachine StateMachine = default!;
    public readonly ControlledMethodBox<TResult> Box;

    ControlledMethod() => Box = new ControlledMethodBox<TResult>(this, () => StateMachine.MoveNext());

    public static ControlledMethod<TStateMachine, TResult> Rent()
    {
        if (pool is not { Count: > 0 } methods) return new ControlledMethod<TStateMachine, TResult>();
        int last = --methods.Count;
        var method = methods.Methods[last]!;
        methods.Methods[last] = null;
        return method;
    }

    public override void Return()
    {
        StateMachine = default!;
        var methods = pool ??= new Pool();
        if (methods.Count < PoolLimit) methods.Methods[methods.Count++] = this;
    }
}
