namespace ModelCheck.Engine;

/// <summary>
/// Exhaustive depth-first search over every scheduling and data choice, optionally with a bound on
/// preemptions (switching away from a task that could have gone on). When the path stack empties,
/// the space (within the bound) has been explored: <see cref="IsComplete"/>.
/// Option 0 at a scheduling point is always "let the previous task go on", so the first execution is
/// the non-preemptive one and the bound prunes exactly the preempting branches.
/// With a <see cref="TreePartition"/>, the tree is cut into units (see there) and only the units the
/// partition lets this strategy claim are explored; the others are skipped where they begin.
/// </summary>
public sealed class DfsStrategy(int? preemptionBound, TreePartition? partition = null) : IPartitionedStrategy
{
    readonly record struct Point(int Count, int Chosen);

    readonly List<Point> path = [];
    readonly UnitWalk? units = partition is null ? null : new UnitWalk(partition);
    int position;
    int preemptions;

    public string Name => "dfs";
    public bool IsComplete { get; private set; }

    /// <summary>True once the bound has cut a preempting branch: until then the exploration is unbounded in effect.</summary>
    public bool Pruned { get; private set; }

    /// <summary>The bound a complete exploration covered, or null when the bound never cut a branch (every schedule was run).</summary>
    public int? CompleteWithin => Pruned ? preemptionBound : null;

    /// <summary>The unit (0-based, in depth-first order) of the last execution; -1 without a partition.</summary>
    public long Unit => units?.Unit ?? -1;

    /// <summary>False when the last execution ran to its end in a unit another worker or shard owns.</summary>
    public bool Owned => units?.Owned ?? true;

    public bool PrepareExecution()
    {
        position = 0;
        preemptions = 0;
        units?.StartExecution();
        return !IsComplete;
    }

    public void OnTaskCreated(int taskId) { }

    public int PickTask(ReadOnlySpan<int> enabled, int previous, int step)
    {
        int previousIndex = enabled.IndexOf(previous);
        bool onlyContinue = previousIndex >= 0 && preemptionBound is { } bound && preemptions >= bound;
        Pruned |= onlyContinue;
        int option = Decide(onlyContinue ? 1 : enabled.Length, step);
        int index = previousIndex < 0 ? option
            : option == 0 ? previousIndex
            : option <= previousIndex ? option - 1 : option;
        if (previousIndex >= 0 && index != previousIndex) preemptions++;
        return index;
    }

    public int PickValue(ChoiceKind kind, int count, int step) => Decide(count, step);

    /// <summary>True when the last execution was the last of its unit: the next one begins another.</summary>
    public bool UnitDone => units is null || units.UnitDone || IsComplete;

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

    // Drops the path from position `keep` on and advances the deepest point that has options left.
    void Backtrack(int keep)
    {
        path.RemoveRange(keep, path.Count - keep);
        while (path.Count > 0 && path[^1].Chosen + 1 >= path[^1].Count) path.RemoveAt(path.Count - 1);
        if (path.Count == 0) IsComplete = true;
        else path[^1] = path[^1] with { Chosen = path[^1].Chosen + 1 };
        units?.Backtracked(path.Count - 1);
    }

    int Decide(int count, int step)
    {
        int chosen;
        if (position < path.Count)
        {
            var point = path[position];
            if (point.Count != count)
                throw new StrategyMismatchException(
                    $"at step {step} the same path offered {count} options where an earlier execution had {point.Count}: the scenario is not deterministic");
            chosen = point.Chosen;
        }
        else
        {
            path.Add(new Point(count, 0));
            chosen = 0;
        }
        position++;
        // A unit is the subtree below one option of the point where the width reaches the threshold.
        if (units is { InUnit: false })
        {
            units.Pass(count);
            if (units.Wide) units.Enter(position);
        }
        return chosen;
    }
}
