using System.Runtime.CompilerServices;
using ModelCheck.Engine;

namespace ModelCheck.Maps.SyncMap;

/// <summary>e.load() (<see cref="Entry.Load"/>), awaited in place: the atomic load of p, then its value or absent.</summary>
internal readonly struct EntryLoad(ControlledOp<LoadOp<Boxed?>, Boxed?> load) : ICriticalNotifyCompletion
{
    public EntryLoad GetAwaiter() => this;
    public bool IsCompleted => false;
    public void OnCompleted(Action continuation) => load.OnCompleted(continuation);
    public void UnsafeOnCompleted(Action continuation) => load.UnsafeOnCompleted(continuation);
    public (int Value, bool Ok) GetResult() => Entry.ValueOf(load.GetResult());
}
