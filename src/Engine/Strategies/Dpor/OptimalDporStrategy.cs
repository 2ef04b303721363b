namespace ModelCheck.Engine;

/// <summary>
/// Optimal dynamic partial-order reduction with wakeup trees (Abdulla, Aronis, Jonsson and Sagonas,
/// POPL 2014 and JACM 2017, "optimal-DPOR"). Like source-DPOR (<see cref="DporStrategy"/>) it explores
/// one execution per Mazurkiewicz trace, over the same dependency relation (<see cref="StepGraph"/>),
/// with sleep sets; unlike it, it never starts an execution that can only repeat an explored trace.
/// When an execution ends, each race e &lt; e' in it is reversed at the point before e by a whole
/// sequence, not one task: v = the steps after e that do not depend on e, then e'. The sequence goes
/// into that point's wakeup tree (<see cref="WakeupTree"/>) unless a task asleep there is a weak initial
/// of it (the trace was explored from that task) or the tree already holds a sequence leading to the
/// same trace. A branch is then explored by following its sequence step by step, so it cannot end
/// sleep-set blocked the way source-DPOR's single backtrack task can.
/// Blocking breaks the guarantee in one place: a lock's or wait's step is let in by a release, and the
/// theory assumes steps that only enable or disable each other by conflicting; executions can still end
/// with every enabled task asleep there, and are stopped and counted as redundant, as source-DPOR's are.
/// Value choices (<see cref="Runtime.Choose"/>) are explored exhaustively; a step is identified by its
/// task and the choices made in it. Unbounded only: with a preemption bound the configuration uses
/// bounded source-DPOR, since a bound cuts the subtrees a sleeping task stands for.
/// Only for sequential consistency, as source-DPOR.
/// </summary>
public sealed class OptimalDporStrategy : DporSearch, IStrategy
{
    readonly record struct PendingRace(int Earlier, int Later, WakeupEvent Attempt);

    // The steps of this execution, in the graph's event order, and the races found among them.
    readonly List<WakeupEvent> steps = [];
    // Per step: whether its first access returns a value (a load or read-modify-write), so that moved
    // before a write it read from it may go another way.
    readonly List<bool> readsValue = [];
    readonly List<PendingRace> races = [];
    // The sequence that the steps from here on follow, while the execution is past the explored path.
    WakeupTree.Node? guide;
    // The data choices, spawns and joins of the running step.
    readonly List<int> stepChoices = [];
    ulong stepSpawns;
    ulong stepJoins;

    /// <summary>Times a guided step could not be taken as its sequence said (the task was not enabled, or asleep); zero unless the dependency relation misses a dependency.</summary>
    public int Divergences { get; private set; }

    public bool PrepareExecution()
    {
        StartAtRoot();
        steps.Clear();
        readsValue.Clear();
        races.Clear();
        guide = null;
        return !IsComplete;
    }

    private protected override void TaskCreated(int taskId) => stepSpawns |= WakeupNode.Bit(taskId);

    private protected override void StepBegins()
    {
        stepChoices.Clear();
        stepSpawns = 0;
        stepJoins = 0;
    }

    public int PickTask(ReadOnlySpan<int> enabled, int previousTask, int step)
    {
        var node = DecisionOnPath<WakeupNode>(step);
        if (node is null)
        {
            node = new WakeupNode(enabledMask, previousTask, [.. asleep], WakeupTree.Below(guide));
            node.Take(FirstTask(node));
            tree.Path.Add(node);
        }
        stepNode = position++;
        asleep.Clear();
        asleep.AddRange(node.Sleeping.Where(s => s.Task != node.Chosen));
        asleepMask = AsleepBits();
        running = node.Chosen;
        return enabled.IndexOf(node.Chosen);
    }

    // The guide's first task, else the task that ran before when it may go on (no preemption), else the lowest awake task.
    int FirstTask(WakeupNode node)
    {
        ulong awake = node.Enabled & ~node.AsleepMask;
        foreach (var first in node.Pending.Roots)
        {
            if ((awake & WakeupNode.Bit(first.Step.Task)) != 0) return first.Step.Task;
            Divergences++;
        }
        if (node.Previous >= 0 && (awake & WakeupNode.Bit(node.Previous)) != 0) return node.Previous;
        return System.Numerics.BitOperations.TrailingZeroCount(awake);
    }

    public override int PickValue(ChoiceKind kind, int count, int step)
    {
        int chosen = base.PickValue(kind, count, step);
        stepChoices.Add(chosen);
        return chosen;
    }

    private protected override void StepTaken(int task, ReadOnlySpan<Access> accesses)
    {
        int e = steps.Count;
        bool reads = false;
        foreach (var a in accesses) reads |= a.Op.Reads();
        var step = new WakeupEvent(task, graph.LastFootprint(), stepChoices.Count == 0 ? null : [.. stepChoices], stepSpawns, stepJoins, Unknown: false);
        steps.Add(step);
        readsValue.Add(reads);
        foreach (var race in graph.Races) Keep(race, e);
        if (stepNode >= 0)
        {
            var node = (WakeupNode)tree.Path[stepNode];
            node.RecordStep(step.Footprint);
            guide = node.GuideAfter(step);
        }
        else guide = guide?.Children.Find(g => g.Step.Task == task && g.Step.SameChoicesAs(step));
    }

    private protected override void Joined(int task) => stepJoins |= WakeupNode.Bit(task);

    private protected override void Blocked(int task, int obj, OpKind op)
    {
        bool write = op is not (OpKind.RLock or OpKind.WaitGroupWait);
        var attempt = new WakeupEvent(task, new Footprint([Footprint.Entry(obj, write)]), null, 0, 0, Unknown: true);
        foreach (var race in graph.Races) Keep(race, -1, attempt);
    }

    /// <summary>
    /// Keeps a race to reverse when the execution ends, if it can be: the earlier step was a decision,
    /// nothing else orders the pair (no step between them that the later depends on and that depends on
    /// the earlier), and the later step does not need the earlier one to be enabled: a wait that passed
    /// because the write just before it brought the counter to zero could not go first (one still
    /// blocked at the end could: before that write the counter may have been zero).
    /// </summary>
    void Keep(StepGraph.Race race, int later, WakeupEvent attempt = default)
    {
        if (graph.Node(race.Earlier) < 0) return;
        if (later >= 0 && !race.PastRelease && race.LaterOp == OpKind.WaitGroupWait) return;
        if (ReversedClock(race).IsEmpty) return;
        races.Add(new PendingRace(race.Earlier, later, attempt));
    }

    public void OnExecutionEnd(int stepCount)
    {
        foreach (var race in races) Reverse(race);
        tree.Backtrack(position, null);
    }

    /// <summary>
    /// Reverses one race e &lt; e': v is the steps after e that do not happen after it, in order, then
    /// e' (its later part unknown: moved before e it may read another value). Inserted into the wakeup
    /// tree of the decision before e, unless a task asleep there is a weak initial of v.
    /// </summary>
    void Reverse(PendingRace race)
    {
        int e = race.Earlier;
        var node = (WakeupNode)tree.Path[graph.Node(e)];
        int task = graph.Task(e), index = graph.Index(e);
        var v = new List<WakeupEvent>();
        for (int f = e + 1; f < steps.Count; f++)
            if (f != race.Later && graph.ClockOf(f)[task] < index) v.Add(steps[f]);
        v.Add(race.Later >= 0 ? steps[race.Later] with { Unknown = readsValue[race.Later] } : race.Attempt);
        foreach (var sleeper in node.Sleeping)
            if (WakeupTree.IsWeakInitial(v, sleeper.Task, sleeper.Step)) return;
        // The reversal starts with a task that can run there: the first step of v that is an initial.
        for (int i = 0; i < v.Count; i++)
            if (WakeupTree.IsInitial(v, i))
            {
                if ((node.Enabled & ScheduleNode.Bit(v[i].Task)) == 0) return;
                break;
            }
        node.Pending.Insert(v);
    }
}
