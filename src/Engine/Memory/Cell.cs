using System.Numerics;
using System.Runtime.CompilerServices;

namespace ModelCheck.Engine;

/// <summary>
/// A controlled memory location holding a value of any type. Every access names its memory order.
/// The awaited accessors (<see cref="Load"/>, <see cref="Store"/>, ...) are scheduling points; the
/// immediate ones (<see cref="Get"/>, <see cref="Set"/>) act inside the current step, for code the model
/// treats as one atomic block, and are still recorded as accesses.
/// Every accessor takes its call site as optional caller-info parameters, so a model names nothing: the
/// site is consulted only when <see cref="ExecutionSettings.Orders"/> is installed (`modelcheck orders`).
/// Under SC the cell holds one value. Under a weak memory model it keeps every value stored to it
/// (message 0 is the initial value) and the model decides which message each access reads.
/// </summary>
public sealed class Cell<T> : ControlledObject, IWeakLocation
{
    readonly string? name;
    readonly CellArray<T>? owner;
    readonly int index;
    T value;
    readonly List<T>? messages;
    // The expected value of the compare-and-swap in progress, for the memory model's UpdateWrites.
    T casExpected = default!;
    bool casActive;
    // The message the read-modify-write in progress read, for its write half.
    int updateRead;

    internal Cell(Runtime runtime, string name, T initial) : this(runtime, initial) => this.name = name;

    internal Cell(Runtime runtime, CellArray<T> owner, int index, T initial) : this(runtime, initial)
    {
        this.owner = owner;
        this.index = index;
    }

    Cell(Runtime runtime, T initial) : base(runtime)
    {
        value = initial;
        if (runtime.Weak is not null) messages = [initial];
    }

    public override string Name => owner is null ? name! : $"{owner.Name}[{index}]";

    internal override string SiteName => owner is null ? name! : owner.ElementName;

    public ControlledOp<LoadOp<T>, T> Load(MemoryOrder order,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "") =>
        new(new LoadOp<T>(this, Runtime.Orders is null ? order : Runtime.Orders.Resolve(this, OpKind.Load, order, file, line, member)));

    public ControlledOp<StoreOp<T>, Unit> Store(T newValue, MemoryOrder order,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "") =>
        new(new StoreOp<T>(this, newValue, Runtime.Orders is null ? order : Runtime.Orders.Resolve(this, OpKind.Store, order, file, line, member)));

    /// <summary>Atomically replaces the value with <paramref name="desired"/> if it is <paramref name="expected"/>; true if it did.</summary>
    public ControlledOp<CompareAndSwapOp<T>, bool> CompareAndSwap(T expected, T desired, MemoryOrder order,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "") =>
        new(new CompareAndSwapOp<T>(this, expected, desired, Runtime.Orders is null ? order : Runtime.Orders.Resolve(this, OpKind.CompareExchange, order, file, line, member)));

    /// <summary>Atomically replaces the value with <paramref name="newValue"/> and returns the old one.</summary>
    public ControlledOp<ExchangeOp<T>, T> Exchange(T newValue, MemoryOrder order,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "") =>
        new(new ExchangeOp<T>(this, newValue, Runtime.Orders is null ? order : Runtime.Orders.Resolve(this, OpKind.Exchange, order, file, line, member)));

    /// <summary>Reads the value inside the current step (no scheduling point).</summary>
    public T Get(MemoryOrder order,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "") =>
        GetCore(Runtime.Orders is null ? order : Runtime.Orders.Resolve(this, OpKind.Load, order, file, line, member));

    /// <summary>Writes the value inside the current step (no scheduling point).</summary>
    public void Set(T newValue, MemoryOrder order,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "") =>
        SetCore(newValue, Runtime.Orders is null ? order : Runtime.Orders.Resolve(this, OpKind.Store, order, file, line, member));

    /// <summary>Compare-and-swap inside the current step.</summary>
    public bool CompareAndSwapNow(T expected, T desired, MemoryOrder order,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "") =>
        CompareAndSwapCore(expected, desired, Runtime.Orders is null ? order : Runtime.Orders.Resolve(this, OpKind.CompareExchange, order, file, line, member));

    /// <summary>Exchange inside the current step.</summary>
    public T ExchangeNow(T newValue, MemoryOrder order,
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerMemberName] string member = "") =>
        ExchangeCore(newValue, Runtime.Orders is null ? order : Runtime.Orders.Resolve(this, OpKind.Exchange, order, file, line, member));

    // The operations themselves, with the order already resolved: the awaited operations perform these.

    internal T GetCore(MemoryOrder order)
    {
        Runtime.RecordAccess(this, OpKind.Load, order);
        if (messages is not null) return WeakGet(order);
        if (Runtime.IsRecording) Runtime.Note($"load {Name} -> {Show(value)}{Suffix(order)}");
        return value;
    }

    internal void SetCore(T newValue, MemoryOrder order)
    {
        Runtime.RecordAccess(this, OpKind.Store, order);
        if (messages is not null)
        {
            WeakSet(newValue, order);
            return;
        }
        if (Runtime.IsRecording) Runtime.Note($"store {Name} = {Show(newValue)}{Suffix(order)}");
        value = newValue;
    }

    internal bool CompareAndSwapCore(T expected, T desired, MemoryOrder order)
    {
        Runtime.RecordAccess(this, OpKind.CompareExchange, order);
        var old = messages is null ? value : WeakReadForUpdate(order, isCas: true, expected);
        bool swapped = Same(old, expected);
        if (Runtime.IsRecording)
            Runtime.Note($"cas {Name} {Show(expected)} -> {Show(desired)}: {(swapped ? "ok" : $"failed, saw {Show(old)}")}{Suffix(order)}");
        if (messages is not null) WeakCompleteUpdate(swapped, desired, order);
        else if (swapped) value = desired;
        return swapped;
    }

    internal T ExchangeCore(T newValue, MemoryOrder order)
    {
        Runtime.RecordAccess(this, OpKind.Exchange, order);
        var old = messages is null ? value : WeakReadForUpdate(order);
        if (Runtime.IsRecording) Runtime.Note($"swap {Name} {Show(old)} -> {Show(newValue)}{Suffix(order)}");
        if (messages is not null) WeakCompleteUpdate(true, newValue, order);
        else value = newValue;
        return old;
    }

    internal T FetchAddCore<TNumber>(TNumber delta, MemoryOrder order) where TNumber : T, INumberBase<TNumber>
    {
        Runtime.RecordAccess(this, OpKind.FetchAdd, order);
        var old = (TNumber)(messages is null ? value : WeakReadForUpdate(order))!;
        if (Runtime.IsRecording) Runtime.Note($"fetch_add {Name} {old} + {delta}{Suffix(order)}");
        if (messages is not null) WeakCompleteUpdate(true, old + delta, order);
        else value = old + delta;
        return old;
    }

    /// <summary>
    /// The current value for ghost code (monitors, final assertions): no access is recorded and no
    /// scheduling point is made. Under a weak model, the newest value the running task can see (under tso,
    /// its own buffered store, else memory; under ra, the last in modification order). Never call it from the
    /// algorithm under test.
    /// </summary>
    public T Peek() => messages is null ? value : messages[Runtime.Weak!.Latest(this)];

    // The weak-memory paths, kept out of the SC accessors so those stay small.

    T WeakGet(MemoryOrder order)
    {
        var weak = Runtime.Weak!;
        int message = weak.Load(this, order);
        Runtime.Recorder?.Memory.Read(this, message, order, Runtime.CurrentTask, Runtime.Step);
        if (Runtime.IsRecording) Runtime.Note($"load {Name} -> {Show(messages![message])}{Suffix(order)}, reads {weak.Source(this, message)}");
        return messages![message];
    }

    void WeakSet(T newValue, MemoryOrder order)
    {
        var weak = Runtime.Weak!;
        int message = messages!.Count;
        messages.Add(newValue);
        Runtime.Recorder?.Memory.Store(this, message, order, Runtime.CurrentTask, Runtime.Step);
        weak.Store(this, message, order);
        if (Runtime.IsRecording) Runtime.Note($"store {Name} = {Show(newValue)}{Suffix(order)}{weak.StoreNote(this, message)}");
    }

    T WeakReadForUpdate(MemoryOrder order) => WeakReadForUpdate(order, isCas: false, default!);

    T WeakReadForUpdate(MemoryOrder order, bool isCas, T expected)
    {
        casExpected = expected;
        casActive = isCas;
        updateRead = Runtime.Weak!.ReadForUpdate(this, order);
        casActive = false;
        Runtime.Recorder?.Memory.Read(this, updateRead, order, Runtime.CurrentTask, Runtime.Step);
        if (Runtime.IsRecording) Runtime.Note($"{Name}: reads {Runtime.Weak.Source(this, updateRead)}");
        return messages![updateRead];
    }

    void WeakCompleteUpdate(bool writes, T newValue, MemoryOrder order)
    {
        int message = -1;
        if (writes)
        {
            message = messages!.Count;
            messages.Add(newValue);
            Runtime.Recorder?.Memory.Store(this, message, order, Runtime.CurrentTask, Runtime.Step);
        }
        Runtime.Weak!.CompleteUpdate(this, updateRead, message, order);
    }

    string IWeakLocation.Show(int message) => Show(messages![message]);

    bool IWeakLocation.UpdateWrites(int message) => !casActive || Same(messages![message], casExpected);

    static bool Same(T a, T b) =>
        typeof(T).IsValueType ? EqualityComparer<T>.Default.Equals(a, b) : ReferenceEquals(a, b);

    static string Show(T v) => v?.ToString() ?? "null";

    static string Suffix(MemoryOrder order) => order == MemoryOrder.Plain ? "" : $" ({order.ToName()})";
}
