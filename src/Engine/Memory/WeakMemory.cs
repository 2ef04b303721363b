namespace ModelCheck.Engine;

/// <summary>
/// A cell as a weak memory model sees it: an id, a name, and its stores numbered in the order they were
/// issued (message 0 is the initial value). The cell keeps the values; the model decides which message
/// each load reads. Cells implement it explicitly, so passing one allocates nothing.
/// </summary>
internal interface IWeakLocation
{
    int Id { get; }
    string Name { get; }

    /// <summary>The value of <paramref name="message"/>, for notes in a replayed trace.</summary>
    string Show(int message);

    /// <summary>Whether a read-modify-write in progress would write after reading <paramref name="message"/> (false: a failed compare-and-swap).</summary>
    bool UpdateWrites(int message);
}

/// <summary>
/// The operational part of a memory model other than SC: what each load reads, where each store goes,
/// and what synchronisation transfers. The runtime has none under SC, so the SC path stays as it was.
/// Every decision goes through <see cref="Runtime.ChooseMemory"/>, so strategies enumerate it, traces
/// record it and replay reproduces it. Location state is indexed by object id and reused across
/// executions.
/// </summary>
internal abstract class WeakMemory(Runtime runtime)
{
    protected Runtime Runtime { get; } = runtime;

    protected int Task => Runtime.CurrentTask;

    public static WeakMemory? For(Runtime runtime, MemoryModel model) => model switch
    {
        MemoryModel.Sc => null,
        MemoryModel.Tso => new TsoMemory(runtime),
        MemoryModel.Ra => new RaMemory(runtime),
        _ => throw new ArgumentOutOfRangeException(nameof(model)),
    };

    public abstract void Reset();

    /// <summary>The message the running task's load reads.</summary>
    public abstract int Load(IWeakLocation location, MemoryOrder order);

    /// <summary>The running task issues <paramref name="message"/>, the location's newest message id.</summary>
    public abstract void Store(IWeakLocation location, int message, MemoryOrder order);

    /// <summary>The read half of a read-modify-write: the message it reads.</summary>
    public abstract int ReadForUpdate(IWeakLocation location, MemoryOrder order);

    /// <summary>The write half: <paramref name="message"/> goes right after <paramref name="read"/>; -1 when nothing is written.</summary>
    public abstract void CompleteUpdate(IWeakLocation location, int read, int message, MemoryOrder order);

    public abstract void Fence(MemoryOrder order);

    public abstract void OnSpawn(int parent, int child);

    public abstract void OnJoin(int joiner, int joined);

    /// <summary>Every task has finished: settle memory (tso drains what is still buffered) before monitors look at it.</summary>
    public virtual void AtEnd(int nextStep) { }

    /// <summary>A lock, unlock or wait-group operation of the running task on object <paramref name="obj"/>.</summary>
    public abstract void OnSynchronization(int obj, OpKind op);

    /// <summary>Called before each scheduling step, with the step about to run; tso drains store buffers here.</summary>
    public virtual void BeforeStep(int nextStep) { }

    /// <summary>The message ghost code sees (<see cref="Cell{T}.Peek"/>): the newest one the running task can see.</summary>
    public abstract int Latest(IWeakLocation location);

    /// <summary>Where a load's message came from, for notes: "the initial value", "worker1's store at step 3".</summary>
    public abstract string Source(IWeakLocation location, int message);

    /// <summary>The memory's state as a picture, for the report's slider (called after each step of a replay only).</summary>
    public abstract StateDrawing Draw();

    /// <summary>"initial" or "P0, step 3": who wrote a store, as a drawing's slot says it.</summary>
    protected string WrittenBy(LoggedStore store) => store.IsInitial ? "initial" : $"{Runtime.TaskName(store.Task)}, step {store.Step}";

    /// <summary>What happened to a store, for notes: " (buffered)" under tso, the placement under ra.</summary>
    public virtual string StoreNote(IWeakLocation location, int message) => "";
}

/// <summary>Who issued each message of a location, for the notes of a replayed trace. Message 0 is the initial value.</summary>
internal sealed class MessageWriters
{
    readonly List<(int Task, int Step)> writers = [(-1, 0)];

    public int Count => writers.Count;

    public void Clear()
    {
        writers.Clear();
        writers.Add((-1, 0));
    }

    public void Add(int task, int step) => writers.Add((task, step));

    public string Describe(Runtime runtime, int message) =>
        writers[message].Task < 0 ? "the initial value" : $"{runtime.TaskName(writers[message].Task)}'s store at step {writers[message].Step}";
}
