namespace ModelCheck.Engine;

/// <summary>
/// Go's sync.Mutex: not owned by a task (any task may unlock it), unlocking an unlocked mutex is fatal.
/// Lock and Unlock are both scheduling points.
/// </summary>
public sealed class Mutex : ControlledObject, IBlocker
{
    // The name, or the INameSource that names it as its part.
    readonly object name;
    readonly int part;
    int holder = -1;

    internal Mutex(Runtime runtime, string name) : base(runtime) => this.name = name;

    internal Mutex(Runtime runtime, INameSource owner, int part) : base(runtime) => (name, this.part) = (owner, part);

    public override string Name => name as string ?? ((INameSource)name).NameOf(part);

    public bool IsLocked => holder >= 0;

    public ControlledOp<MutexOp, Unit> Lock() => new(new MutexOp(this, OpKind.Lock));

    public ControlledOp<MutexOp, Unit> Unlock() => new(new MutexOp(this, OpKind.Unlock));

    bool IBlocker.CanProceed(ControlledTask task, OpKind op) => op != OpKind.Lock || holder < 0;

    internal void Perform(OpKind op)
    {
        if (op == OpKind.Lock)
        {
            holder = Runtime.CurrentTask;
            Runtime.RecordAccess(this, OpKind.Lock, MemoryOrder.Acquire);
        }
        else
        {
            if (holder < 0) Runtime.Fatal("sync: unlock of unlocked mutex");
            holder = -1;
            Runtime.RecordAccess(this, OpKind.Unlock, MemoryOrder.Release);
        }
        if (Runtime.IsRecording) Runtime.Note($"{(op == OpKind.Lock ? "lock" : "unlock")} {Name}");
    }

    public readonly struct MutexOp(Mutex mutex, OpKind op) : IControlledOperation<Unit>
    {
        public void Park(Action continuation) =>
            mutex.Runtime.Suspend(continuation, op == OpKind.Lock ? mutex : null, mutex, op, MemoryOrder.SeqCst);

        public Unit Perform()
        {
            mutex.Perform(op);
            return default;
        }
    }
}
