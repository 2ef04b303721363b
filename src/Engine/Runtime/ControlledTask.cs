namespace ModelCheck.Engine;

/// <summary>
/// The scheduler's record of one task: its body, the continuation it parked at its last await,
/// and the operation it is waiting to perform. Not an OS thread: it runs only when the scheduler
/// calls its continuation.
/// </summary>
internal sealed class ControlledTask(int id, string? name, Func<Task> body)
{
    public readonly int Id = id;
    public readonly Func<Task> Body = body;

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
}
