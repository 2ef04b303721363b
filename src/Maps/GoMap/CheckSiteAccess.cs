using System.Runtime.CompilerServices;
using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;

namespace ModelCheck.Maps.GoMap;

// The writing flag's accesses at a check site, awaited in place by the method that makes them. In misuse
// mode each is the cell's own scheduling point; otherwise it acts inside the current step and the await
// completes at once. Awaiting the cell's operation directly, instead of through an async method returning
// a ValueTask, saves a state machine, a pooled box and a resumption per access: a write in misuse mode
// makes six of them (on gomap/misuse/two-writers, about a quarter less processor time without them).

/// <summary>A plain read of the flag at a check site (<see cref="GoMapModel.LoadAtCheckSite"/>).</summary>
internal readonly struct CheckSiteLoad(Cell<byte> flag, bool scheduled) : ICriticalNotifyCompletion
{
    readonly ControlledOp<LoadOp<byte>, byte> op = scheduled ? flag.Load(Plain) : default;

    public CheckSiteLoad GetAwaiter() => this;
    public bool IsCompleted => !scheduled;
    public void OnCompleted(Action continuation) => op.OnCompleted(continuation);
    public void UnsafeOnCompleted(Action continuation) => op.UnsafeOnCompleted(continuation);
    public byte GetResult() => scheduled ? op.GetResult() : flag.Get(Plain);
}

/// <summary>A plain write of the flag at a check site (<see cref="GoMapModel.StoreAtCheckSite"/>).</summary>
internal readonly struct CheckSiteStore(Cell<byte> flag, byte value, bool scheduled) : ICriticalNotifyCompletion
{
    readonly ControlledOp<StoreOp<byte>, Unit> op = scheduled ? flag.Store(value, Plain) : default;

    public CheckSiteStore GetAwaiter() => this;
    public bool IsCompleted => !scheduled;
    public void OnCompleted(Action continuation) => op.OnCompleted(continuation);
    public void UnsafeOnCompleted(Action continuation) => op.UnsafeOnCompleted(continuation);

    public void GetResult()
    {
        if (scheduled) op.GetResult();
        else flag.Set(value, Plain);
    }
}
