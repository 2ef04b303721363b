namespace ModelCheck.Engine;

/// <summary>Go's sync.WaitGroup: Add and Done change the counter, Wait blocks until it is zero.</summary>
public sealed class WaitGroup : ControlledObject, IBlocker
{
    readonly string name;
    int counter;

    internal WaitGroup(Runtime runtime, string name) : base(runtime) => this.name = name;

    public override string Name => name;

    public ControlledOp<WaitGroupOp, Unit> Add(int delta) => new(new WaitGroupOp(this, OpKind.WaitGroupAdd, delta));
    public ControlledOp<WaitGroupOp, Unit> Done() => Add(-1);
    public ControlledOp<WaitGroupOp, Unit> Wait() => new(new WaitGroupOp(this, OpKind.WaitGroupWait, 0));

    bool IBlocker.CanProceed(ControlledTask task, OpKind op) => counter == 0;

    void Perform(OpKind op, int delta)
    {
        if (op == OpKind.WaitGroupAdd)
        {
            counter += delta;
            // Go panics here; the panic is unrecovered in every scenario we model, so it is fatal.
            if (counter < 0) Runtime.Fatal("sync: negative WaitGroup counter");
            Runtime.RecordAccess(this, op, MemoryOrder.Release);
            if (Runtime.IsRecording) Runtime.Note($"{Name}.Add({delta}) -> {counter}");
        }
        else
        {
            Runtime.RecordAccess(this, op, MemoryOrder.Acquire);
            if (Runtime.IsRecording) Runtime.Note($"{Name}.Wait()");
        }
    }

    public readonly struct WaitGroupOp(WaitGroup group, OpKind op, int delta) : IControlledOperation<Unit>
    {
        public void Park(Action continuation) =>
            group.Runtime.Suspend(continuation, op == OpKind.WaitGroupWait ? group : null, group, op, MemoryOrder.SeqCst);

        public Unit Perform()
        {
            group.Perform(op, delta);
            return default;
        }
    }
}
