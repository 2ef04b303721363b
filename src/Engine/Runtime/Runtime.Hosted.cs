namespace ModelCheck.Engine;

// Executions on an IExecutionHost's tasks: each controlled task runs its own loop of steps on a host
// task, and the host's scheduling points decide which loop goes on. A step is the same RunStep as
// under the engine's scheduler, so a scenario behaves identically on both.
public sealed partial class Runtime
{
    /// <summary>Runs one execution on the host: starts the main task and waits until every task has finished or a bug ended it.</summary>
    internal Bug? ExecuteHosted(Func<Runtime, Task> entry)
    {
        Reset();
        SpawnMain(entry);
        host!.WaitUntil(() => bug is not null || tasks.TrueForAll(t => t.Finished));
        if (bug is null)
        {
            CheckMonitorsAtEnd();
            if (bug is { } atEnd) host.Report(atEnd, choices.ToArray());
        }
        return bug;
    }

    /// <summary>
    /// The body of one host task: before every step a host scheduling point (and, while the task's
    /// pending operation is blocked, a wait the host controls), then the step. The host's picks are
    /// recorded as schedule choices wherever the engine's scheduler would have had a choice. A deadlock is every
    /// unfinished task blocked after some step; only a step can change that, so it is checked after each.
    /// </summary>
    void RunHostedTask(ControlledTask task)
    {
        while (bug is null && !task.Finished)
        {
            host!.SchedulingPoint(task.PendingOp == OpKind.Yield);
            if (!task.IsEnabled) host.WaitUntil(() => bug is not null || task.IsEnabled);
            if (bug is not null) return;
            // Recorded as the engine's scheduler records its picks, so a failing schedule replays natively.
            if (CollectEnabled() > 1) choices.Add(ChoiceKind.Schedule, task.Id);
            step++;
            ownerThread = Environment.CurrentManagedThreadId;
            var outer = System.Threading.SynchronizationContext.Current;
            System.Threading.SynchronizationContext.SetSynchronizationContext(UncontrolledContinuations.Instance);
            try
            {
                RunStep(task);
                if (HotStepMonitors != 0 && bug is null) TickLiveness();
            }
            finally
            {
                System.Threading.SynchronizationContext.SetSynchronizationContext(outer);
            }
            if (bug is null && CollectEnabled() == 0 && !tasks.TrueForAll(t => t.Finished)) RecordDeadlock();
            if (bug is { } found) host.Report(found, choices.ToArray());
        }
    }
}
