using System.Runtime.CompilerServices;
using ModelCheck.Engine;

namespace ModelCheck.Maps.ConcurrentHashMap;

// The writes the map tells its monitors about as they happen (setTabAt, a successful casTabAt, a node's val
// or next): a cell's operation and the ghost event it publishes, awaited as one. The caller awaits the cell's
// operation itself, so the scheduling point is the same one, and the event is published in the same step,
// right after the write is performed, as an async wrapper (await the write, then publish) did; the wrapper
// cost a state machine, a pooled box and a second resumption on every write, in every execution. A write
// that the trace notes (a claim, a forwarded bin) takes the note as an action, made only when recording.

/// <summary>A store of a cell, then <typeparamref name="TEvent"/> published to the monitors and the note, if any, made.</summary>
readonly struct StoreThenPublish<T, TEvent>(ControlledOp<StoreOp<T>, Unit> store, Runtime rt, TEvent published, Action? note = null)
    : ICriticalNotifyCompletion
{
    public StoreThenPublish<T, TEvent> GetAwaiter() => this;

    public bool IsCompleted => false;

    public void OnCompleted(Action continuation) => store.OnCompleted(continuation);

    public void UnsafeOnCompleted(Action continuation) => store.UnsafeOnCompleted(continuation);

    public void GetResult()
    {
        store.GetResult();
        rt.Publish(published);
        note?.Invoke();
    }
}

/// <summary>A compare-and-swap of a cell, then, when it swapped, <typeparamref name="TEvent"/> published and the note, if any, made.</summary>
readonly struct CasThenPublish<T, TEvent>(ControlledOp<CompareAndSwapOp<T>, bool> cas, Runtime rt, TEvent published, Action? note = null)
    : ICriticalNotifyCompletion
{
    public CasThenPublish<T, TEvent> GetAwaiter() => this;

    public bool IsCompleted => false;

    public void OnCompleted(Action continuation) => cas.OnCompleted(continuation);

    public void UnsafeOnCompleted(Action continuation) => cas.UnsafeOnCompleted(continuation);

    public bool GetResult()
    {
        bool swapped = cas.GetResult();
        if (swapped)
        {
            rt.Publish(published);
            note?.Invoke();
        }
        return swapped;
    }
}
