namespace ModelCheck.Engine;

/// <summary>
/// Go's sync.RWMutex: many readers or one writer. As in Go, a writer waiting for the lock stops new
/// readers from entering, so a reader that re-enters while a writer waits deadlocks.
/// </summary>
public sealed class RWMutex : ControlledObject, IBlocker
{
    readonly string name;
    int readers;
    bool writer;
    int waitingWriters;

    internal RWMutex(Runtime runtime, string name) : base(runtime) => this.name = name;

    public override string Name => name;

    public ControlledOp<RWMutexOp, Unit> Lock() => new(new RWMutexOp(this, OpKind.Lock));
    public ControlledOp<RWMutexOp, Unit> Unlock() => new(new RWMutexOp(this, OpKind.Unlock));
    public ControlledOp<RWMutexOp, Unit> RLock() => new(new RWMutexOp(this, OpKind.RLock));
    public ControlledOp<RWMutexOp, Unit> RUnlock() => new(new RWMutexOp(this, OpKind.RUnlock));

    bool IBlocker.CanProceed(ControlledTask task, OpKind op) => op switch
    {
        OpKind.Lock => !writer && readers == 0,
        OpKind.RLock => !writer && waitingWriters == 0,
        _ => true,
    };

    void Park(OpKind op)
    {
        if (op == OpKind.Lock) waitingWriters++;
    }

    void Perform(OpKind op)
    {
        switch (op)
        {
            case OpKind.Lock:
                waitingWriters--;
                writer = true;
                Runtime.RecordAccess(this, op, MemoryOrder.Acquire);
                break;
            case OpKind.Unlock:
                if (!writer) Runtime.Fatal("sync: Unlock of unlocked RWMutex");
                writer = false;
                Runtime.RecordAccess(this, op, MemoryOrder.Release);
                break;
            case OpKind.RLock:
                readers++;
                Runtime.RecordAccess(this, op, MemoryOrder.Acquire);
                break;
            default:
                if (readers == 0) Runtime.Fatal("sync: RUnlock of unlocked RWMutex");
                readers--;
                Runtime.RecordAccess(this, op, MemoryOrder.Release);
                break;
        }
        if (Runtime.IsRecording) Runtime.Note($"{op.ToString().ToLowerInvariant()} {Name}");
    }

    public readonly struct RWMutexOp(RWMutex mutex, OpKind op) : IControlledOperation<Unit>
    {
        public void Park(Action continuation)
        {
            mutex.Runtime.Suspend(continuation, op is OpKind.Lock or OpKind.RLock ? mutex : null, mutex, op, MemoryOrder.SeqCst);
            mutex.Park(op);
        }

        public Unit Perform()
        {
            mutex.Perform(op);
            return default;
        }
    }
}
