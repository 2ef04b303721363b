namespace ModelCheck.Engine;

/// <summary>
/// How a replay ended: the execution's result, what it did step by step, where it preempted a task
/// that could have gone on, and any divergence from the trace.
/// </summary>
public sealed record ReplayResult(
    TraceFile Trace, ExecutionResult Result, ExecutionRecorder Recording, IReadOnlyList<Preemption> Preemptions,
    IReadOnlyList<Access> Accesses, string? Divergence)
{
    /// <summary>True when the replay reached the trace's bug, of the same kind, at the same step.</summary>
    public bool Reproduced => Divergence is null && Result.Bug is { } bug && bug.Kind == Trace.Bug.Kind && bug.Step == Trace.Bug.Step;

    /// <summary>The ids of the tasks that ran at least one step, in increasing order.</summary>
    public IReadOnlyList<int> TasksInvolved => Recording.Events.Select(e => e.Task).Where(t => t >= 0).Distinct().Order().ToList();
}

public static class Replayer
{
    /// <summary>Replays <paramref name="trace"/> against <paramref name="scenario"/>, recording every step.</summary>
    /// <param name="onHang">
    /// When given, a watchdog watches the replay: a step that runs for <paramref name="stepTimeoutSeconds"/>
    /// hands the replay so far, ending in a hang, to it on the watchdog's thread (the stuck thread never
    /// returns). That is how a hang's own trace replays. Without it, a replay that hangs never returns.
    /// </param>
    public static ReplayResult Replay(Scenario scenario, TraceFile trace, Action<ReplayResult>? onHang = null,
        int stepTimeoutSeconds = TestConfiguration.DefaultStepTimeoutSeconds)
    {
        var strategy = new ReplayStrategy(trace.Choices);
        var watcher = new ScheduleWatcher(strategy);
        var recorder = new ExecutionRecorder();
        var runtime = new Runtime(watcher, trace.Settings, recorder);
        var control = onHang is null ? null : new ExplorationControl
        {
            OnHang = hang =>
            {
                bool same = trace.Bug.Kind == BugKind.Hang && trace.Bug.Step == hang.Bug.Step;
                onHang(new ReplayResult(trace, new ExecutionResult(ExecutionStatus.BugFound, hang.Bug, hang.Bug.Step), recorder,
                    watcher.Preemptions.ToArray(), runtime.Accesses.ToArray(),
                    same ? null : $"diverged: the replay hung at step {hang.Bug.Step}, the trace records {trace.Bug.Kind.ToName()} at step {trace.Bug.Step}"));
            },
        };
        using var watchdog = Watchdog.Start(control, stepTimeoutSeconds, () => [(runtime, 1)]);
        watcher.PrepareExecution();
        try
        {
            var result = runtime.Execute(scenario.Entry);
            // A task the execution never had is not a different schedule but a broken file.
            if (trace.Bug.Task >= recorder.TaskNames.Count)
                throw new TraceFormatException(
                    $"the trace's 'bug.task' {trace.Bug.Task} is not a task of the execution (it has tasks 0 to {recorder.TaskNames.Count - 1})");
            string? divergence = null;
            if (strategy.Consumed < trace.Choices.Count)
                divergence = $"diverged: the execution ended at step {result.Steps} after {strategy.Consumed} of the trace's {trace.Choices.Count} choices";
            else if (result.Bug is not { } bug)
                divergence = $"diverged: the execution ended at step {result.Steps} without the trace's bug ({trace.Bug.Kind.ToName()} at step {trace.Bug.Step})";
            else if (bug.Kind != trace.Bug.Kind || bug.Step != trace.Bug.Step)
                divergence = $"diverged: the replay found {bug.Kind.ToName()} at step {bug.Step}, the trace records {trace.Bug.Kind.ToName()} at step {trace.Bug.Step}";
            return new ReplayResult(trace, result, recorder, watcher.Preemptions.ToArray(), runtime.Accesses.ToArray(), divergence);
        }
        catch (StrategyMismatchException e)
        {
            return new ReplayResult(trace, new ExecutionResult(ExecutionStatus.BugFound, null, runtime.Step), recorder, watcher.Preemptions.ToArray(), runtime.Accesses.ToArray(), e.Message);
        }
    }
}
