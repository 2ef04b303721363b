using System.Runtime.InteropServices;
using System.Threading;

namespace ModelCheck.Engine;

// The scheduling loop: pick an enabled task, resume it for one step, see how the step ended.
public sealed partial class Runtime
{
    /// <summary>Runs one execution of <paramref name="entry"/> to its end, a bug, or the step bound.</summary>
    internal ExecutionResult Execute(Func<Runtime, Task> entry)
    {
        var outer = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(UncontrolledContinuations.Instance);
        // Controlled code keeps no async-local state, and with the flow of the execution context suppressed the
        // runtime's builders capture none: each resumption of a spawned task's body then calls its state machine
        // directly instead of through ExecutionContext.RunInternal.
        bool suppress = !ExecutionContext.IsFlowSuppressed();
        var flow = suppress ? ExecutionContext.SuppressFlow() : default;
        try
        {
            return ExecuteSteps(entry);
        }
        finally
        {
            if (suppress) flow.Undo();
            SynchronizationContext.SetSynchronizationContext(outer);
        }
    }

    ExecutionResult ExecuteSteps(Func<Runtime, Task> entry)
    {
        Reset();
        AddMemoryView();
        bool stopped = false;
        SpawnMain(entry);
        while (bug is null && mismatch is null)
        {
            if (enabledCount < 0) enabledCount = CollectEnabled();
            int count = enabledCount;
            if (count == 0)
            {
                if (tasks.TrueForAll(t => t.Finished))
                {
                    Weak?.AtEnd(step + 1);
                    if (mismatch is not null) break;
                    CheckMonitorsAtEnd();
                }
                else RecordDeadlock();
                break;
            }
            if (step >= Settings.MaxSteps)
            {
                // A cut-off execution with a hot monitor is not merely long: it is stuck owing something.
                if (CheckLivenessAt($"when the bound of {Settings.MaxSteps} steps cut the execution off")) break;
                if (!Settings.FailOnMaxSteps) return new ExecutionResult(ExecutionStatus.BoundReached, null, step);
                RecordBug(BugKind.MaxStepsReached, $"the execution reached the bound of {Settings.MaxSteps} scheduling steps");
                break;
            }
            if (Weak is not null)
            {
                Weak.BeforeStep(step + 1);
                if (mismatch is not null) break;
            }
            if (observer is not null && !observer.BeforeStep(enabled.AsSpan(0, count)))
            {
                ReportBlocked();
                return new ExecutionResult(ExecutionStatus.Redundant, null, step);
            }
            int chosen = enabled[0];
            if (count > 1)
            {
                try
                {
                    chosen = enabled[strategy.PickTask(enabled.AsSpan(0, count), previousTask, step + 1)];
                }
                catch (StrategyMismatchException e)
                {
                    mismatch = e;
                    break;
                }
                choices.Add(ChoiceKind.Schedule, chosen);
            }
            // A stop comes from the clock or Ctrl-C, never from the schedule: it need not be seen at the very step it
            // was asked for, and its test (volatile reads up a chain of controls) was 1% of the time when made at every
            // step. Step 0 is among those tested, so every execution of any length tests once.
            if ((step & (StopTestInterval - 1)) == 0 && Control is { StopRequested: true })
            {
                stopped = true;
                break;
            }
            step++;
            int firstAccess = accessCount;
            var task = tasks[chosen];
            var performed = task.PendingOp;
            RunStep(task);
            if (MayChangeEnabled(task, performed)) enabledCount = -1;
            observer?.AfterStep(chosen, accesses.AsSpan(firstAccess, accessCount - firstAccess));
            if (HotStepMonitors != 0 && bug is null) TickLiveness();
            Recorder?.AfterStep(step, chosen);
            previousTask = chosen;
        }
        current = null;
        if (mismatch is not null) throw mismatch;
        if (stopped) return new ExecutionResult(ExecutionStatus.Stopped, null, step);
        if (observer is not null) ReportBlocked();
        return bug is null
            ? new ExecutionResult(ExecutionStatus.Passed, null, step)
            : new ExecutionResult(ExecutionStatus.BugFound, bug, step);
    }

    // How many steps apart a running execution tests for a stop request (a power of two).
    const int StopTestInterval = 32;

    // The scenario's entry for this execution, and the main task's body that calls it: one delegate per
    // runtime, where a lambda over the entry made a closure and a delegate every execution.
    Func<Runtime, Task>? entry;
    Func<Task>? mainBody;

    void SpawnMain(Func<Runtime, Task> entry)
    {
        this.entry = entry;
        Spawn(mainBody ??= () => this.entry!(this), "main");
    }

    void Reset()
    {
        tasks.Clear();
        choices.Clear();
        accessCount = 0;
        races?.Reset();
        Weak?.Reset();
        monitors.Clear();
        liveness = null;
        HotStepMonitors = 0;
        enabledCount = -1;
        current = null;
        previousTask = -1;
        step = 0;
        nextObjectId = 0;
        bug = null;
        halted = false;
        mismatch = null;
    }

    // Only what a task waits for (a lock, a wait group, a task to join) can disable it, and a step performs exactly the
    // one operation its task parked at. So only a step that performed or parked at a synchronisation, parked at a join,
    // or finished its task can change which tasks are enabled (a spawn marks the set stale itself); after any other
    // step the enabled set is the one before it, and collecting it again (a test of every task, some through an
    // interface) was 2.5% of the time on the map scenarios.
    static bool MayChangeEnabled(ControlledTask task, OpKind performed) =>
        task.Finished || IsSynchronisation(performed) || IsSynchronisation(task.PendingOp) || task.PendingOp == OpKind.Join;

    static bool IsSynchronisation(OpKind op) => op >= OpKind.Lock && op <= OpKind.WaitGroupWait;

    // A loop over the list's span, without the enumerator's version checks.
    int CollectEnabled()
    {
        int count = 0;
        foreach (var task in CollectionsMarshal.AsSpan(tasks))
            if (task.IsEnabled) enabled[count++] = task.Id;
        return count;
    }

    void RunStep(ControlledTask task)
    {
        current = task;
        suspended = false;
        task.Blocker = null;
        task.Joining = null;
        try
        {
            if (task.Continuation is { } continuation)
            {
                task.Continuation = null;
                continuation();
            }
            else
            {
                if (Recorder is { } r) r.Add(step, task.Id, "start");
                task.Task = task.Body();
            }
        }
        catch (ExecutionHaltedException)
        {
        }
        catch (Exception e) when (host is null || !host.IsHostException(e))
        {
            RecordBug(BugKind.UnhandledException, $"task '{task.Name}' threw {Describe(e)}");
        }
        if (foreignAccess is { } foreign)
        {
            IsReusable = false;
            RecordBug(BugKind.UncontrolledConcurrency, foreign);
        }
        if (bug is not null || mismatch is not null)
        {
            // An assertion may fail in the same step that awaited something uncontrolled. A halted task
            // is unfinished too: its callers were left waiting on the halted call.
            if (!suspended && !halted && task.Task is { IsCompleted: false }) IsReusable = false;
            return;
        }
        var body = task.Task!;
        if (body.IsCompleted)
        {
            task.Finished = true;
            if (body.Exception?.InnerException is { } e and not ExecutionHaltedException)
                RecordBug(BugKind.UnhandledException, $"task '{task.Name}' threw {Describe(e)}");
            else if (body.IsCanceled)
                RecordBug(BugKind.UnhandledException, $"task '{task.Name}' was canceled");
        }
        else if (!suspended)
        {
            // The task awaited something the scheduler does not control; its continuation now belongs
            // to another thread or to nobody, so this runtime may be touched from outside.
            IsReusable = false;
            RecordBug(BugKind.UncontrolledConcurrency,
                $"task '{task.Name}' awaited something that is not a controlled primitive (such as Task.Delay, Task.Run, Task.Yield or a raw Task); use the runtime's primitives");
        }
    }

    // Tells a reducing strategy which tasks end the execution waiting to acquire something.
    void ReportBlocked()
    {
        foreach (var task in tasks)
            if (!task.Finished && task.PendingObject is { } target
                && task.PendingOp is OpKind.Lock or OpKind.RLock or OpKind.WaitGroupWait && !task.IsEnabled)
                observer!.OnBlocked(task.Id, target.Id, task.PendingOp);
    }

    void RecordDeadlock()
    {
        var blocked = tasks.Where(t => !t.Finished)
            .Select(t => $"'{t.Name}' waits to {t.PendingOp} {t.PendingObject?.Name ?? "task"}");
        RecordBug(BugKind.Deadlock, "deadlock: no task is enabled; " + string.Join(", ", blocked));
    }

    // Safety first: a broken invariant explains more than an obligation left pending.
    void CheckMonitorsAtEnd()
    {
        foreach (var monitor in monitors)
            if (monitor.CheckAtEnd() is { } violation)
            {
                RecordBug(BugKind.MonitorViolation, $"{monitor.Name}: {violation}");
                return;
            }
        CheckLivenessAt("at the end of the execution");
    }

    static string Describe(Exception e) => $"{e.GetType().Name}: {e.Message}";
}
