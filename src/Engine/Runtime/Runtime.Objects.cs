using System.Runtime.CompilerServices;

namespace ModelCheck.Engine;

// The factory of controlled objects and the operations that belong to no object.
public sealed partial class Runtime
{
    public Cell<T> NewCell<T>(string name, T initial) => new(this, name, initial);

    /// <summary>A cell that <paramref name="owner"/> names as its part <paramref name="part"/> when the name is read.</summary>
    public Cell<T> NewCell<T>(INameSource owner, int part, T initial) => new(this, owner, part, initial);

    public CellArray<T> NewCellArray<T>(string name, int length, T initial) => new(this, name, length, initial);

    public Mutex NewMutex(string name) => new(this, name);

    /// <summary>A mutex that <paramref name="owner"/> names as its part <paramref name="part"/> when the name is read.</summary>
    public Mutex NewMutex(INameSource owner, int part) => new(this, owner, part);

    public RWMutex NewRWMutex(string name) => new(this, name);

    public WaitGroup NewWaitGroup(string name) => new(this, name);

    /// <summary>A scheduling point that does nothing else: lets the strategy switch tasks here.</summary>
    public ControlledOp<YieldOp, Unit> Yield() => new(new YieldOp(this));

    /// <summary>A memory fence of the given order; a scheduling point. Under SC it orders nothing further.</summary>
    public ControlledOp<FenceOp, Unit> Fence(MemoryOrder order,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "") =>
        new(new FenceOp(this, Orders is null ? order : Orders.Resolve(null, OpKind.Fence, order, file, line, member)));

    public readonly struct FenceOp(Runtime runtime, MemoryOrder order) : IControlledOperation<Unit>
    {
        public void Park(Action continuation) => runtime.Suspend(continuation, null, null, OpKind.Fence, order);

        public Unit Perform()
        {
            runtime.RecordFence(order);
            return default;
        }
    }

    public readonly struct YieldOp(Runtime runtime) : IControlledOperation<Unit>
    {
        public void Park(Action continuation) => runtime.Suspend(continuation, null, null, OpKind.Yield, MemoryOrder.Relaxed);

        public Unit Perform()
        {
            runtime.Yielded();
            return default;
        }
    }
}
