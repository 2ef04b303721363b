namespace ModelCheck.Engine;

/// <summary>
/// Dynamic partial-order reduction with source sets and sleep sets (Abdulla, Aronis, Jonsson and
/// Sagonas, "Optimal dynamic partial order reduction", POPL 2014, Algorithm 1 "source-DPOR"). Two
/// executions that differ only in the order of independent steps (see <see cref="StepGraph"/>) are one
/// Mazurkiewicz trace and reach the same state, so one of them suffices. Each execution runs to its end;
/// after every step the steps it races with are found, and for each race a task that can start the
/// reversed order (an initial of the events that do not depend on the earlier step, then the later step)
/// is added to the backtrack set of the decision before the earlier step, unless one is there already.
/// Sleep sets keep a branch from re-exploring what an earlier sibling covered; an execution whose every
/// way on is asleep stops early and counts as redundant (source-DPOR, unlike optimal DPOR with wakeup
/// trees, has some). Value choices (<see cref="Runtime.Choose"/>) are explored exhaustively.
/// When the path is exhausted, every trace has been explored: <see cref="IsComplete"/>.
/// With a preemption bound it is bounded partial-order reduction as in loom, after Coons, Musuvathi and
/// McKinley ("Bounded partial-order reduction", OOPSLA 2013): the bound makes otherwise independent steps
/// matter (a reversal the bound forbids at one point may fit at an earlier one), so every reversal is also
/// tried at the last context switch before its point, every race adds a backtrack entry, and sleep sets
/// are off. Then every trace with an execution of at most N preemptions is explored.
/// Only for sequential consistency: under tso and ra the configuration uses <see cref="DfsStrategy"/>.
/// With a <see cref="TreePartition"/> (several workers, or one shard of many) the tree is cut so that its
/// units can be explored apart: above the cut every scheduling decision takes every awake task (full
/// expansion, with sleep sets), so no race found inside a unit can ask for a branch above it, and a unit
/// depends only on its path and the sleep set it starts with, which every walker of the tree computes
/// alike. See <see cref="UnitWalk"/> and the README's "Workers and reports".
/// </summary>
public sealed class DporStrategy(int? preemptionBound, TreePartition? partition = null) : DporSearch, IPartitionedStrategy
{
    readonly UnitWalk? units = partition is null ? null : new UnitWalk(partition);
    int preemptions;

    /// <summary>The unit (0-based, in depth-first order) of the last execution; -1 without a partition.</summary>
    public long Unit => units?.Unit ?? -1;

    /// <summary>False when the last execution ran to its end in a unit another worker or shard owns.</summary>
    public bool Owned => units?.Owned ?? true;

    /// <summary>True when the last execution was the last of its unit: the next one begins another.</summary>
    public bool UnitDone => units is null || units.UnitDone || IsComplete;

    public bool PrepareExecution()
    {
        units?.StartExecution();
        StartAtRoot();
        preemptions = 0;
        return !IsComplete;
    }

    public int PickTask(ReadOnlySpan<int> enabled, int previous, int step)
    {
        // A unit is the subtree of the first decision reached once the width above it reaches the threshold.
        if (units is { InUnit: false, Wide: true } && !units.Enter(position)) throw new UnitSkippedException();
        var node = DecisionOnPath<ScheduleNode>(step);
        if (node is null)
        {
            node = new ScheduleNode(enabledMask, previous, preemptions, [.. asleep], graph.EventCounts());
            node.Take(First(node));
            // Above the units every task is a branch: a race a unit finds never needs one here.
            if (units is { InUnit: false }) node.Backtrack |= node.Enabled;
            tree.Path.Add(node);
        }
        // The tasks awake here are the branches the full expansion above the units takes.
        units?.Pass(System.Numerics.BitOperations.PopCount(node.Enabled & ~node.AsleepMask));
        stepNode = position++;
        // This branch sleeps on what slept on entry and on the tasks explored here before it; under a
        // bound nothing sleeps (a sibling's exploration may have been cut short by the bound).
        if (preemptionBound is null)
        {
            asleep.Clear();
            asleep.AddRange(node.Asleep);
            foreach (var explored in node.ExploredSteps)
                if (explored.Task != node.Chosen) asleep.Add(explored);
            asleepMask = AsleepBits();
        }
        if (previous >= 0 && node.Chosen != previous && (enabledMask & ScheduleNode.Bit(previous)) != 0) preemptions++;
        running = node.Chosen;
        return enabled.IndexOf(node.Chosen);
    }

    // Let the previous task go on when it may (the first execution is the non-preemptive one), else the lowest awake task.
    int First(ScheduleNode node)
    {
        ulong awake = node.Enabled & ~node.AsleepMask;
        if (node.Previous >= 0 && (awake & ScheduleNode.Bit(node.Previous)) != 0) return node.Previous;
        for (int t = 0; t < MaxTasks; t++)
            if ((awake & ScheduleNode.Bit(t)) != 0 && !node.Exceeds(t, preemptionBound)) return t;
        return System.Numerics.BitOperations.TrailingZeroCount(awake);
    }

    public override int PickValue(ChoiceKind kind, int count, int step)
    {
        units?.Pass(count);
        return base.PickValue(kind, count, step);
    }

    private protected override void StepTaken(int task, ReadOnlySpan<Access> accesses)
    {
        foreach (var race in graph.Races) Reverse(race);
        if (stepNode >= 0) ((ScheduleNode)tree.Path[stepNode]).RecordStep(task, graph.LastFootprint());
    }

    private protected override void Blocked(int task, int obj, OpKind op)
    {
        foreach (var race in graph.Races) Reverse(race);
    }

    /// <summary>
    /// Source-DPOR's backtracking for one race e &lt; e': with E' the execution before e and v the steps
    /// after e that do not depend on it, followed by e', some initial of v (a task whose first step in v
    /// depends on no other step of v) must be in backtrack(E'). Only the steps e' depends on matter for
    /// the initials that can start the reversal, and those are the ones its clock shows.
    /// </summary>
    void Reverse(StepGraph.Race race)
    {
        int at = graph.Node(race.Earlier);
        if (at < 0) return; // only the earlier step's task could run there: nothing else can go first
        var node = (ScheduleNode)tree.Path[at];
        var clock = ReversedClock(race);
        if (clock.IsEmpty) return; // ordered through other steps
        int laterTask = race.LaterTask;
        ulong initials = 0;
        for (int u = 0; u < graph.Tasks; u++)
        {
            int before = node.EventsBefore(u);
            if (u != laterTask && clock[u] <= before) continue;
            int first = before + 1;
            var firstClock = u == laterTask && first == race.LaterIndex ? clock : graph.ClockOf(graph.EventOf(u, first));
            if (StartsAfterNode(node, u, firstClock)) initials |= ScheduleNode.Bit(u);
        }
        if (preemptionBound is null && (initials & node.Backtrack) != 0) return;
        // A disabled initial can only be let in by a step it depends on, which v does not hold: the
        // reversal cannot happen. A sleeping one was explored from an earlier point.
        ulong addable = initials & node.Enabled & ~node.AsleepMask;
        if (addable == 0) return;
        int chosen = Preferred(node, addable, laterTask);
        node.Backtrack |= ScheduleNode.Bit(chosen);
        if (preemptionBound is not null) AddAtLastSwitch(at, chosen);
    }

    // The later task where it may run, else the lowest that may (within the bound), else the later task.
    int Preferred(ScheduleNode node, ulong candidates, int laterTask)
    {
        if ((candidates & ScheduleNode.Bit(laterTask)) != 0 && !node.Exceeds(laterTask, preemptionBound)) return laterTask;
        for (int t = 0; t < MaxTasks; t++)
            if ((candidates & ScheduleNode.Bit(t)) != 0 && !node.Exceeds(t, preemptionBound)) return t;
        return (candidates & ScheduleNode.Bit(laterTask)) != 0 ? laterTask : System.Numerics.BitOperations.TrailingZeroCount(candidates);
    }

    // Bounded search: also try the task at the last decision before the race's point where the schedule
    // switched tasks (or at the first decision), where running it may cost no extra preemption; if it
    // cannot run there, every task that can.
    void AddAtLastSwitch(int at, int task)
    {
        ScheduleNode? target = null;
        for (int j = at - 1; j >= 0; j--)
            if (tree.Path[j] is ScheduleNode earlier)
            {
                target = earlier;
                if (earlier.Chosen != earlier.Previous) break;
            }
        if (target is null) return;
        target.Backtrack |= (target.Enabled & ScheduleNode.Bit(task)) != 0 ? ScheduleNode.Bit(task) : target.Enabled;
    }

    // True when no step after the node, of another task, happens before the step with this clock.
    static bool StartsAfterNode(ScheduleNode node, int task, ReadOnlySpan<int> clock)
    {
        for (int w = 0; w < clock.Length; w++)
            if (w != task && clock[w] > node.EventsBefore(w)) return false;
        return true;
    }

    /// <summary>Ends the execution (run to its end, or stopped by <see cref="UnitSkippedException"/>) and moves to the next path.</summary>
    public void OnExecutionEnd(int steps)
    {
        units?.Ended();
        Backtrack(position);
    }

    /// <summary>Skips what is left of the current unit (after a bug, or when it is no longer needed).</summary>
    public void LeaveUnit()
    {
        if (units is { UnitDone: false, InUnit: true }) Backtrack(units.Start);
    }

    void Backtrack(int reached)
    {
        tree.Backtrack(reached, preemptionBound);
        units?.Backtracked(tree.Path.Count - 1);
    }
}
