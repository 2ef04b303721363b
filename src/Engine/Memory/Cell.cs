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
    // The cell's name, or for an element of an array the array, whose name the element's is made from when shown,
    // or the INameSource that names it (index is then its part).
    // Models build thousands of cells per second, so a cell is kept small: names are made only for people,
    // and what only weak memory needs sits in a separate object that sc never allocates.
    readonly object label;
    readonly int index;
    T value;
    // Null under sc.
    readonly WeakState? weakState;

    /// <summary>Under a weak memory model: every value stored (message 0 is the initial value) and the read-modify-write in progress.</summary>
    sealed class WeakState(T initial)
    {
        public readonly List<T> Messages = [initial];
        // The expected value of the compare-and-swap in progress, for the memory model's UpdateWrites.
        public T CasExpected = default!;
        public bool CasActive;
        // The message the read-modify-write in progress read, for its write half.
        public int UpdateRead;
    }

    internal Cell(Runtime runtime, string name, T initial) : base(runtime)
    {
        label = name;
        value = initial;
        if (runtime.Weak is not null) weakState = new WeakState(initial);
    }

    /// <summary>Part <paramref name="part"/> of <paramref name="owner"/>, which names it when the name is read.</summary>
    internal Cell(Runtime runtime, INameSource owner, int part, T initial) : base(runtime)
    {
        label = owner;
        index = part;
        value = initial;
        if (runtime.Weak is not null) weakState = new WeakState(initial);
    }

    /// <summary>Element <paramref name="index"/> of <paramref name="owner"/>, with the id the array reserved for it.</summary>
    internal Cell(Runtime runtime, CellArray<T> owner, int index, T initial, int id) : base(runtime, id)
    {
        label = owner;
        this.index = index;
        value = initial;
        if (runtime.Weak is not null) weakState = new WeakState(initial);
    }

    public override string Name => label switch
    {
        CellArray<T> owner => $"{owner.Name}[{index}]",
        INameSource owner => owner.NameOf(index),
        _ => (string)label,
    };

    internal override string SiteName => label is CellArray<T> owner ? owner.ElementName : Name;

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
        if (weakState is not null) return WeakGet(order);
        if (Runtime.IsRecording) NoteLoad(order);
        return value;
    }

    internal void SetCore(T newValue, MemoryOrder order)
    {
        Runtime.RecordAccess(this, OpKind.Store, order);
        if (weakState is not null)
        {
            WeakSet(newValue, order);
            return;
        }
        if (Runtime.IsRecording) NoteStore(newValue, order);
        value = newValue;
    }

    internal bool CompareAndSwapCore(T expected, T desired, MemoryOrder order)
    {
        Runtime.RecordAccess(this, OpKind.CompareExchange, order);
        var old = weakState is null ? value : WeakReadForUpdate(order, isCas: true, expected);
        bool swapped = Same(old, expected);
        if (Runtime.IsRecording) NoteCompareAndSwap(expected, desired, old, swapped, order);
        if (weakState is not null) WeakCompleteUpdate(swapped, desired, order);
        else if (swapped) value = desired;
        return swapped;
    }

    internal T ExchangeCore(T newValue, MemoryOrder order)
    {
        Runtime.RecordAccess(this, OpKind.Exchange, order);
        var old = weakState is null ? value : WeakReadForUpdate(order);
        if (Runtime.IsRecording) NoteExchange(old, newValue, order);
        if (weakState is not null) WeakCompleteUpdate(true, newValue, order);
        else value = newValue;
        return old;
    }

    internal T FetchAddCore<TNumber>(TNumber delta, MemoryOrder order) where TNumber : T, INumberBase<TNumber>
    {
        Runtime.RecordAccess(this, OpKind.FetchAdd, order);
        var old = (TNumber)(weakState is null ? value : WeakReadForUpdate(order))!;
        if (Runtime.IsRecording) NoteFetchAdd(old, delta, order);
        if (weakState is not null) WeakCompleteUpdate(true, old + delta, order);
        else value = old + delta;
        return old;
    }

    // What a replay records of each operation, kept out of the accessors: building the text takes a large
    // stack frame, which every access would otherwise set up and clear whether recording or not.

    [MethodImpl(MethodImplOptions.NoInlining)]
    void NoteLoad(MemoryOrder order) => Runtime.Note($"load {Name} -> {Show(value)}{Suffix(order)}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    void NoteStore(T newValue, MemoryOrder order) => Runtime.Note($"store {Name} = {Show(newValue)}{Suffix(order)}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    void NoteCompareAndSwap(T expected, T desired, T old, bool swapped, MemoryOrder order) =>
        Runtime.Note($"cas {Name} {Show(expected)} -> {Show(desired)}: {(swapped ? "ok" : $"failed, saw {Show(old)}")}{Suffix(order)}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    void NoteExchange(T old, T newValue, MemoryOrder order) => Runtime.Note($"swap {Name} {Show(old)} -> {Show(newValue)}{Suffix(order)}");

    [MethodImpl(MethodImplOptions.NoInlining)]
    void NoteFetchAdd<TNumber>(TNumber old, TNumber delta, MemoryOrder order) => Runtime.Note($"fetch_add {Name} {old} + {delta}{Suffix(order)}");

    /// <summary>
    /// The current value for ghost code (monitors, final assertions): no access is recorded and no
    /// scheduling point is made. Under a weak model, the newest value the running task can see (under tso,
    /// its own buffered store, else memory; under ra, the last in modification order). Never call it from the
    /// algorithm under test.
    /// </summary>
    public T Peek() => weakState is null ? value : weakState.Messages[Runtime.Weak!.Latest(this)];

    // The weak-memory paths, kept out of the SC accessors so those stay small.

    T WeakGet(MemoryOrder order)
    {
        var weak = Runtime.Weak!;
        int message = weak.Load(this, order);
        Runtime.Recorder?.Memory.Read(this, message, order, Runtime.CurrentTask, Runtime.Step);
        if (Runtime.IsRecording) Runtime.Note($"load {Name} -> {Show(weakState!.Messages[message])}{Suffix(order)}, reads {weak.Source(this, message)}");
        return weakState!.Messages[message];
    }

    void WeakSet(T newValue, MemoryOrder order)
    {
        var weak = Runtime.Weak!;
        int message = weakState!.Messages.Count;
        weakState.Messages.Add(newValue);
        Runtime.Recorder?.Memory.Store(this, message, order, Runtime.CurrentTask, Runtime.Step);
        weak.Store(this, message, order);
        if (Runtime.IsRecording) Runtime.Note($"store {Name} = {Show(newValue)}{Suffix(order)}{weak.StoreNote(this, message)}");
    }

    T WeakReadForUpdate(MemoryOrder order) => WeakReadForUpdate(order, isCas: false, default!);

    T WeakReadForUpdate(MemoryOrder order, bool isCas, T expected)
    {
        var state = weakState!;
        state.CasExpected = expected;
        state.CasActive = isCas;
        state.UpdateRead = Runtime.Weak!.ReadForUpdate(this, order);
        state.CasActive = false;
        Runtime.Recorder?.Memory.Read(this, state.UpdateRead, order, Runtime.CurrentTask, Runtime.Step);
        if (Runtime.IsRecording) Runtime.Note($"{Name}: reads {Runtime.Weak.Source(this, state.UpdateRead)}");
        return state.Messages[state.UpdateRead];
    }

    void WeakCompleteUpdate(bool writes, T newValue, MemoryOrder order)
    {
        int message = -1;
        if (writes)
        {
            message = weakState!.Messages.Count;
            weakState.Messages.Add(newValue);
            Runtime.Recorder?.Memory.Store(this, message, order, Runtime.CurrentTask, Runtime.Step);
        }
        Runtime.Weak!.CompleteUpdate(this, weakState!.UpdateRead, message, order);
    }

    string IWeakLocation.Show(int message) => Show(weakState!.Messages[message]);

    bool IWeakLocation.UpdateWrites(int message) => !weakState!.CasActive || Same(weakState.Messages[message], weakState.CasExpected);

    static bool Same(T a, T b) =>
        typeof(T).IsValueType ? EqualityComparer<T>.Default.Equals(a, b) : ReferenceEquals(a, b);

    static string Show(T v) => v?.ToString() ?? "null";

    static string Suffix(MemoryOrder order) => order == MemoryOrder.Plain ? "" : $" ({order.ToName()})";
}
