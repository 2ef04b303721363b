namespace ModelCheck.Engine;

/// <summary>One point of the exploration path: a value choice, or a scheduling decision with its DPOR sets.</summary>
internal abstract class DporPoint
{
    /// <summary>Moves to the next alternative here; false when every one has been explored.</summary>
    public abstract bool Advance(int? preemptionBound);
}

/// <summary>A data, reads-from, drain or placement choice: every value is explored, in order.</summary>
internal sealed class ValuePoint(ChoiceKind kind, int count) : DporPoint
{
    public ChoiceKind Kind { get; } = kind;
    public int Count { get; } = count;
    public int Chosen { get; private set; }

    public override bool Advance(int? preemptionBound) => ++Chosen < Count;
}

/// <summary>
/// A step where two or more tasks were enabled, as both DPOR algorithms record it: the tasks enabled, the
/// one that ran the step before, the tasks asleep on arrival (with the steps they would take) and the task
/// taken. Tasks are bits of a ulong: a scenario has at most 64 tasks under DPOR.
/// </summary>
internal abstract class Decision(ulong enabled, int previous, SleepingTask[] asleep) : DporPoint
{
    public ulong Enabled { get; } = enabled;

    /// <summary>The task that ran the step before (-1 at the start); continuing it is no preemption.</summary>
    public int Previous { get; } = previous;

    /// <summary>The tasks asleep on arrival, with their next steps: what they would do was explored from an earlier point.</summary>
    public SleepingTask[] Asleep { get; } = asleep;
    public ulong AsleepMask { get; } = MaskOf(asleep);

    public int Chosen { get; protected set; } = -1;

    public static ulong Bit(int task) => 1UL << task;

    public static ulong MaskOf(ReadOnlySpan<SleepingTask> tasks)
    {
        ulong mask = 0;
        foreach (var s in tasks) mask |= Bit(s.Task);
        return mask;
    }
}

/// <summary>
/// A decision of source-DPOR. <see cref="Backtrack"/> holds the tasks that must be explored from here
/// (races found later add to it); <see cref="Explored"/> those already taken; tasks asleep on entry are
/// never taken.
/// </summary>
internal sealed class ScheduleNode(ulong enabled, int previous, int preemptions, SleepingTask[] asleep, int[] eventCounts)
    : Decision(enabled, previous, asleep)
{
    /// <summary>Preemptions on the path before this decision.</summary>
    public int Preemptions { get; } = preemptions;

    /// <summary>How many steps each task had taken before this one (tasks created later: none).</summary>
    public int[] EventCounts { get; } = eventCounts;

    public ulong Backtrack { get; set; }
    public ulong Explored { get; private set; }

    /// <summary>The step each explored task took here (merged over the value choices inside it): they sleep in later branches.</summary>
    public List<SleepingTask> ExploredSteps { get; } = [];

    public int EventsBefore(int task) => task < EventCounts.Length ? EventCounts[task] : 0;

    /// <summary>Whether taking <paramref name="task"/> here would be a preemption beyond the bound.</summary>
    public bool Exceeds(int task, int? bound) =>
        bound is { } b && Preemptions >= b && Previous >= 0 && task != Previous && (Enabled & Bit(Previous)) != 0;

    /// <summary>Takes <paramref name="task"/> here.</summary>
    public void Take(int task)
    {
        Chosen = task;
        Explored |= Bit(task);
        Backtrack |= Bit(task);
    }

    public override bool Advance(int? preemptionBound)
    {
        ulong open = Backtrack & ~Explored & Enabled & ~AsleepMask;
        for (int t = 0; open != 0; t++, open >>= 1)
            if ((open & 1) != 0 && !Exceeds(t, preemptionBound))
            {
                Take(t);
                return true;
            }
        return false;
    }

    public void RecordStep(int task, Footprint step)
    {
        int at = ExploredSteps.FindIndex(s => s.Task == task);
        if (at < 0) ExploredSteps.Add(new SleepingTask(task, step));
        else ExploredSteps[at] = new SleepingTask(task, ExploredSteps[at].Step.Union(step));
    }
}
