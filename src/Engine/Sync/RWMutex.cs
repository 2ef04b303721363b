namespace ModelCheck.Engine;

/// <summary>
/// Go's sync.RWMutex: many readers or one writer, with Go's hand-offs. Go's Lock first takes a mutex
/// that serialises writers (rw.w), then announces itself so that new readers wait, then waits for the
/// readers inside to leave; Unlock lets in every reader that queued behind it before it releases rw.w
/// to the next writer. So a reader that re-enters while a writer waits deadlocks, and the readers a
/// writer held off get in before the next writer.
/// Modelled with one scheduling point per call: a writer that awaits Lock while no writer holds rw.w
/// takes it and announces at once; one that awaits while another writer holds it queues on rw.w
/// without announcing, and once that writer unlocks it takes the lock when no reader is inside
/// (so new readers may still get in first, as they can in Go before it announces).
/// </summary>
public sealed class RWMutex : ControlledObject, IBlocker
{
    readonly string name;
    // Readers inside, counting those an Unlock let in whose RLock has not run yet.
    int readers;
    bool writer;
    // The writer holding rw.w: announced (readers wait) from its await of Lock until its Unlock; -1 for none.
    int writerTurn = -1;
    // Tasks parked at RLock, and those of them an Unlock let in.
    List<int>? parkedReaders;
    List<int>? admittedReaders;

    internal RWMutex(Runtime runtime, string name) : base(runtime) => this.name = name;

    public override string Name => name;

    public ControlledOp<RWMutexOp, Unit> Lock() => new(new RWMutexOp(this, OpKind.Lock));
    public ControlledOp<RWMutexOp, Unit> Unlock() => new(new RWMutexOp(this, OpKind.Unlock));
    public ControlledOp<RWMutexOp, Unit> RLock() => new(new RWMutexOp(this, OpKind.RLock));
    public ControlledOp<RWMutexOp, Unit> RUnlock() => new(new RWMutexOp(this, OpKind.RUnlock));

    bool IBlocker.CanProceed(ControlledTask task, OpKind op) => op switch
    {
        OpKind.Lock => readers == 0 && !writer && (writerTurn < 0 || writerTurn == task.Id),
        OpKind.RLock => writerTurn < 0 || (admittedReaders?.Contains(task.Id) ?? false),
        _ => true,
    };

    // Parking changes what later operations may do, so reduction counts it as touching the mutex: a
    // writer's announcement as a write (it holds readers off), a reader's queueing as a read (readers
    // queue in any order, but a writer's Unlock admits exactly those queued before it).
    void Parked(OpKind op, int task)
    {
        if (op == OpKind.Lock && writerTurn < 0)
        {
            writerTurn = task;
            Runtime.ParkedOn(this, write: true);
        }
        else if (op == OpKind.RLock)
        {
            (parkedReaders ??= []).Add(task);
            Runtime.ParkedOn(this, write: false);
        }
    }

    void Perform(OpKind op)
    {
        int task = Runtime.CurrentTask;
        switch (op)
        {
            case OpKind.Lock:
                writerTurn = task;
                writer = true;
                Runtime.RecordAccess(this, op, MemoryOrder.Acquire);
                break;
            case OpKind.Unlock:
                if (!writer) Runtime.Fatal("sync: Unlock of unlocked RWMutex");
                writer = false;
                writerTurn = -1;
                if (parkedReaders is { Count: > 0 })
                {
                    // Every parked reader waits behind this writer; Go counts them in before the next writer.
                    readers += parkedReaders.Count;
                    (admittedReaders ??= []).AddRange(parkedReaders);
                    parkedReaders.Clear();
                }
                Runtime.RecordAccess(this, op, MemoryOrder.Release);
                break;
            case OpKind.RLock:
                if (admittedReaders is null || !admittedReaders.Remove(task))
                {
                    parkedReaders!.Remove(task);
                    readers++;
                }
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
            // Only a task that really parked is counted: uncontrolled code's await is dropped.
            if (mutex.Runtime.Suspend(continuation, op is OpKind.Lock or OpKind.RLock ? mutex : null, mutex, op, MemoryOrder.SeqCst))
                mutex.Parked(op, mutex.Runtime.CurrentTask);
        }

        public Unit Perform()
        {
            mutex.Perform(op);
            return default;
        }
    }
}
