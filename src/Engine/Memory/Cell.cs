using System.Numerics;

namespace ModelCheck.Engine;

/// <summary>
/// A controlled memory location holding a value of any type. Every access names its memory order.
/// The awaited accessors (<see cref="Load"/>, <see cref="Store"/>, ...) are scheduling points; the
/// immediate ones (<see cref="Get"/>, <see cref="Set"/>) act inside the current step, for code the model
/// treats as one atomic block, and are still recorded as accesses.
/// </summary>
public sealed class Cell<T> : ControlledObject
{
    readonly string? name;
    readonly CellArray<T>? owner;
    readonly int index;
    T value;

    internal Cell(Runtime runtime, string name, T initial) : base(runtime)
    {
        this.name = name;
        value = initial;
    }

    internal Cell(Runtime runtime, CellArray<T> owner, int index, T initial) : base(runtime)
    {
        this.owner = owner;
        this.index = index;
        value = initial;
    }

    public override string Name => owner is null ? name! : $"{owner.Name}[{index}]";

    public ControlledOp<LoadOp<T>, T> Load(MemoryOrder order) => new(new LoadOp<T>(this, order));

    public ControlledOp<StoreOp<T>, Unit> Store(T newValue, MemoryOrder order) => new(new StoreOp<T>(this, newValue, order));

    /// <summary>Atomically replaces the value with <paramref name="desired"/> if it is <paramref name="expected"/>; true if it did.</summary>
    public ControlledOp<CompareAndSwapOp<T>, bool> CompareAndSwap(T expected, T desired, MemoryOrder order) =>
        new(new CompareAndSwapOp<T>(this, expected, desired, order));

    /// <summary>Atomically replaces the value with <paramref name="newValue"/> and returns the old one.</summary>
    public ControlledOp<ExchangeOp<T>, T> Exchange(T newValue, MemoryOrder order) => new(new ExchangeOp<T>(this, newValue, order));

    /// <summary>Reads the value inside the current step (no scheduling point).</summary>
    public T Get(MemoryOrder order)
    {
        Runtime.RecordAccess(this, OpKind.Load, order);
        if (Runtime.IsRecording) Runtime.Note($"load {Name} -> {Show(value)}{Suffix(order)}");
        return value;
    }

    /// <summary>Writes the value inside the current step (no scheduling point).</summary>
    public void Set(T newValue, MemoryOrder order)
    {
        Runtime.RecordAccess(this, OpKind.Store, order);
        if (Runtime.IsRecording) Runtime.Note($"store {Name} = {Show(newValue)}{Suffix(order)}");
        value = newValue;
    }

    /// <summary>Compare-and-swap inside the current step.</summary>
    public bool CompareAndSwapNow(T expected, T desired, MemoryOrder order)
    {
        Runtime.RecordAccess(this, OpKind.CompareExchange, order);
        bool swapped = Same(value, expected);
        if (Runtime.IsRecording)
            Runtime.Note($"cas {Name} {Show(expected)} -> {Show(desired)}: {(swapped ? "ok" : $"failed, saw {Show(value)}")}{Suffix(order)}");
        if (swapped) value = desired;
        return swapped;
    }

    /// <summary>Exchange inside the current step.</summary>
    public T ExchangeNow(T newValue, MemoryOrder order)
    {
        Runtime.RecordAccess(this, OpKind.Exchange, order);
        if (Runtime.IsRecording) Runtime.Note($"swap {Name} {Show(value)} -> {Show(newValue)}{Suffix(order)}");
        var old = value;
        value = newValue;
        return old;
    }

    internal T FetchAddCore<TNumber>(TNumber delta, MemoryOrder order) where TNumber : T, INumberBase<TNumber>
    {
        Runtime.RecordAccess(this, OpKind.FetchAdd, order);
        var old = (TNumber)value!;
        if (Runtime.IsRecording) Runtime.Note($"fetch_add {Name} {old} + {delta}{Suffix(order)}");
        value = old + delta;
        return old;
    }

    /// <summary>
    /// The current value for ghost code (monitors, final assertions): no access is recorded and no
    /// scheduling point is made. Never call it from the algorithm under test.
    /// </summary>
    public T Peek() => value;

    static bool Same(T a, T b) =>
        typeof(T).IsValueType ? EqualityComparer<T>.Default.Equals(a, b) : ReferenceEquals(a, b);

    static string Show(T v) => v?.ToString() ?? "null";

    static string Suffix(MemoryOrder order) => order == MemoryOrder.Plain ? "" : $" ({order.ToName()})";
}
