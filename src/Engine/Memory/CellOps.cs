using System.Numerics;
using System.Runtime.CompilerServices;

namespace ModelCheck.Engine;

// The awaited operations of Cell<T>: each parks the task on the cell, then performs the immediate
// operation when the scheduler resumes it. Cells never block, so no blocker is given.

public readonly struct LoadOp<T>(Cell<T> cell, MemoryOrder order) : IControlledOperation<T>
{
    public void Park(Action continuation) => cell.Runtime.Suspend(continuation, null, cell, OpKind.Load, order);
    public T Perform() => cell.GetCore(order);
}

public readonly struct StoreOp<T>(Cell<T> cell, T value, MemoryOrder order) : IControlledOperation<Unit>
{
    public void Park(Action continuation) => cell.Runtime.Suspend(continuation, null, cell, OpKind.Store, order);
    public Unit Perform()
    {
        cell.SetCore(value, order);
        return default;
    }
}

public readonly struct CompareAndSwapOp<T>(Cell<T> cell, T expected, T desired, MemoryOrder order) : IControlledOperation<bool>
{
    public void Park(Action continuation) => cell.Runtime.Suspend(continuation, null, cell, OpKind.CompareExchange, order);
    public bool Perform() => cell.CompareAndSwapCore(expected, desired, order);
}

public readonly struct ExchangeOp<T>(Cell<T> cell, T value, MemoryOrder order) : IControlledOperation<T>
{
    public void Park(Action continuation) => cell.Runtime.Suspend(continuation, null, cell, OpKind.Exchange, order);
    public T Perform() => cell.ExchangeCore(value, order);
}

public readonly struct FetchAddOp<T>(Cell<T> cell, T delta, MemoryOrder order) : IControlledOperation<T>
    where T : INumberBase<T>
{
    public void Park(Action continuation) => cell.Runtime.Suspend(continuation, null, cell, OpKind.FetchAdd, order);
    public T Perform() => cell.FetchAddCore(delta, order);
}

public static class NumericCellExtensions
{
    /// <summary>Atomically adds <paramref name="delta"/> and returns the old value; a scheduling point.</summary>
    public static ControlledOp<FetchAddOp<T>, T> FetchAdd<T>(this Cell<T> cell, T delta, MemoryOrder order,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "")
        where T : INumberBase<T> =>
        new(new FetchAddOp<T>(cell, delta, cell.Runtime.Orders is null ? order : cell.Runtime.Orders.Resolve(cell, OpKind.FetchAdd, order, file, line, member)));

    /// <summary>Fetch-add inside the current step.</summary>
    public static T FetchAddNow<T>(this Cell<T> cell, T delta, MemoryOrder order,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "")
        where T : INumberBase<T> =>
        cell.FetchAddCore(delta, cell.Runtime.Orders is null ? order : cell.Runtime.Orders.Resolve(cell, OpKind.FetchAdd, order, file, line, member));
}
