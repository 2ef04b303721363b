using System.Runtime.CompilerServices;

namespace ModelCheck.Engine;

/// <summary>
/// A spawned task, as its spawner sees it. It deliberately exposes no <see cref="System.Threading.Tasks.Task"/>:
/// awaiting the raw task would run the joiner inside the joined task's step. The runtime hands the same
/// handle out for the task of the same id in its later executions: use a handle only in the execution that
/// spawned it.
/// </summary>
public sealed class TaskHandle
{
    readonly Runtime runtime;
    internal readonly ControlledTask Task;

    internal TaskHandle(Runtime runtime, ControlledTask task)
    {
        this.runtime = runtime;
        Task = task;
    }

    public int Id => Task.Id;
    public string Name => Task.Name;
    public bool IsFinished => Task.Finished;

    /// <summary>Waits until the task has finished; a scheduling point.</summary>
    public JoinAwaitable Join() => new(this);

    public readonly struct JoinAwaitable(TaskHandle handle) : ICriticalNotifyCompletion
    {
        public JoinAwaitable GetAwaiter() => this;
        public bool IsCompleted => false;
        public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);
        public void UnsafeOnCompleted(Action continuation) => handle.runtime.SuspendJoin(continuation, handle.Task);
        public void GetResult() => handle.runtime.Joined(handle.Task);
    }
}
