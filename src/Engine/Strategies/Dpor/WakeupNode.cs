namespace ModelCheck.Engine;

/// <summary>
/// A step of optimal DPOR where two or more tasks were enabled. <see cref="Pending"/> is the wakeup tree:
/// the sequences still to explore from here, leftmost first. When a task is taken, its sequences leave
/// the tree and guide the execution below (one guide per set of data choices its step can make); when
/// every execution below has run, the task falls asleep for the later branches (<see cref="Done"/>).
/// </summary>
internal sealed class WakeupNode(ulong enabled, int previous, SleepingTask[] asleep, WakeupTree pending)
    : Decision(enabled, previous, asleep)
{
    public WakeupTree Pending { get; } = pending;

    /// <summary>The tasks explored from here before <see cref="Chosen"/>, with their steps (merged over data choices).</summary>
    public List<SleepingTask> Done { get; } = [];

    /// <summary>The wakeup sequences that continue after the chosen task's step, one per data choice of that step.</summary>
    public List<WakeupTree.Node> Guides { get; } = [];

    Footprint chosenStep = Footprint.Empty;

    /// <summary>Takes <paramref name="task"/>, with the pending sequences that start with it as guides.</summary>
    public void Take(int task)
    {
        Chosen = task;
        chosenStep = Footprint.Empty;
        Guides.Clear();
        Guides.AddRange(Pending.Roots.Where(n => n.Step.Task == task));
        Pending.Roots.RemoveAll(n => n.Step.Task == task);
    }

    /// <summary>The sequence to follow after the chosen task took <paramref name="step"/> (its data choices pick the guide), or null.</summary>
    public WakeupTree.Node? GuideAfter(WakeupEvent step) =>
        Guides.Find(g => g.Step.SameChoicesAs(step));

    public void RecordStep(Footprint step) => chosenStep = chosenStep.Union(step);

    public override bool Advance(int? preemptionBound)
    {
        Done.Add(new SleepingTask(Chosen, chosenStep));
        // A sequence reaches the tree only if its first task can run here and is not asleep.
        ulong asleep = AsleepMask | MaskOf(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Done));
        Pending.Roots.RemoveAll(n => (Enabled & ~asleep & Bit(n.Step.Task)) == 0);
        if (Pending.IsEmpty) return false;
        Take(Pending.Roots[0].Step.Task);
        return true;
    }

    /// <summary>The sleep set here now: the tasks asleep on arrival and those explored from here already.</summary>
    public IEnumerable<SleepingTask> Sleeping => Asleep.Concat(Done);
}
