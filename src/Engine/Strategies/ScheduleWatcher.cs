namespace ModelCheck.Engine;

/// <summary>
/// Wraps a strategy and notes which of its scheduling decisions were preemptions: switches away from a
/// task that could have gone on. A switch forced by a blocked or finished task is not one. The runtime
/// only asks the strategy when two or more tasks are enabled, and only then can a preemption happen,
/// so watching the strategy sees every one.
/// </summary>
public sealed class ScheduleWatcher(IStrategy inner) : IStrategy
{
    readonly List<Preemption> preemptions = [];
    readonly List<(int Step, Choice Choice)> values = [];
    int decisions;

    /// <summary>The preemptions of the current (or last) execution, in order.</summary>
    public IReadOnlyList<Preemption> Preemptions => preemptions;

    /// <summary>The value choices (data, reads-from, drains, placements) of the current (or last) execution, with the step each was asked at.</summary>
    public IReadOnlyList<(int Step, Choice Choice)> Values => values;

    public string Name => inner.Name;
    public bool IsComplete => inner.IsComplete;

    public bool PrepareExecution()
    {
        preemptions.Clear();
        values.Clear();
        decisions = 0;
        return inner.PrepareExecution();
    }

    public void OnTaskCreated(int taskId) => inner.OnTaskCreated(taskId);

    public int PickTask(ReadOnlySpan<int> enabled, int previous, int step)
    {
        int index = inner.PickTask(enabled, previous, step);
        if (enabled[index] != previous && enabled.IndexOf(previous) >= 0)
            preemptions.Add(new Preemption(step, decisions, previous, enabled[index]));
        decisions++;
        return index;
    }

    public int PickValue(ChoiceKind kind, int count, int step)
    {
        int value = inner.PickValue(kind, count, step);
        values.Add((step, new Choice(kind, value)));
        decisions++;
        return value;
    }

    public void OnExecutionEnd(int steps) => inner.OnExecutionEnd(steps);
}

/// <summary>
/// One preemption: at <paramref name="Step"/>, decided by the choice at index <paramref name="Choice"/>
/// of the execution's choice log, the scheduler left <paramref name="From"/> (still enabled) for <paramref name="To"/>.
/// </summary>
public readonly record struct Preemption(int Step, int Choice, int From, int To);
