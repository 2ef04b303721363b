namespace ModelCheck.Engine;

/// <summary>
/// The scheduler's record of one task: its body, the continuation it parked at its last await,
/// and the operation it is waiting to perform. Not an OS thread: it runs only when the scheduler
/// calls its continuation. A runtime keeps the record of its task i, and its handle, for the task i of
/// every later execution (<see cref="Restart"/>), so spawning allocates neither once warm.
/// </summary>
internal sealed class ControlledTask
{
    public readonly int Id;
    public Func<Task> Body;
    string? name;

    /// <summary>What the spawner holds.</summary>
    public readonly TaskHandle Handle;

    public ControlledTask(Runtime runtime, int id, string? name, Func<Task> body)
    {
        Id = id;
        Body = body;
        this.name = name;
        Handle = new TaskHandle(runtime, this);
    }

    /// <summary>The name it was spawned with, else "task1" and so on: made only when a message or trace shows it.</summary>
    public string Name => name ??= $"task{Id}";

    /// <summary>The task returned by <see cref="Body"/>; null until the task first runs.</summary>
    public Task? Task;
    public Action? Continuation;
    public bool Finished;

    // The operation the task will perform when next scheduled: what it may wait for (a lock, a wait group, or
    // a task to join, kept apart so that the scheduler's test of every task at every step makes no interface
    // call for joins), the object and the operation.
    public IBlocker? Blocker;
    public ControlledTask? Joining;
    public ControlledObject? PendingObject;
    public OpKind PendingOp = OpKind.Start;
    public MemoryOrder PendingOrder;

    public bool IsEnabled => !Finished && (Joining is null || Joining.Finished) && (Blocker is null || Blocker.CanProceed(this, PendingOp));

    /// <summary>Makes this the record of a newly spawned task with the same id, as the constructor would.</summary>
    public void Restart(string? newName, Func<Task> newBody)
    {
        (Body, name, Task, Continuation, Finished) = (newBody, newName, null, null, false);
        (Blocker, Joining, PendingObject, PendingOp, PendingOrder) = (null, null, null, OpKind.Start, default);
    }
}
