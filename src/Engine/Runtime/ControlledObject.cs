namespace ModelCheck.Engine;

/// <summary>
/// Anything the runtime controls: cells, locks, wait groups. Ids are handed out in creation order,
/// so they are the same in every execution of the same schedule.
/// </summary>
public abstract class ControlledObject
{
    private protected ControlledObject(Runtime runtime) : this(runtime, runtime.ReserveObjectIds(1)) { }

    /// <summary>An object whose id was reserved earlier (<see cref="Runtime.ReserveObjectIds"/>).</summary>
    private protected ControlledObject(Runtime runtime, int id)
    {
        Runtime = runtime;
        Id = id;
    }

    public Runtime Runtime { get; }
    public int Id { get; }

    /// <summary>The name people read in traces. Computed on demand, so unnamed hot paths allocate nothing.</summary>
    public abstract string Name { get; }

    /// <summary>The name an access site reports for this object (an array's elements share one).</summary>
    internal virtual string SiteName => Name;

    public override string ToString() => Name;
}

/// <summary>A controlled object a task can block on; the scheduler asks it whether the task may go on.</summary>
internal interface IBlocker
{
    bool CanProceed(ControlledTask task, OpKind op);
}
