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
public sealed class DfsStrategy(int? preemptionBound, TreePartition? partition = null) : IStrategy
{
    readonly record struct Point(int Count, int Chosen);

    readonly List<Point> path = [];
    int position;
    int preemptions;
    // The product of the option counts along the path so far (saturating): where it reaches the
    // partition's threshold, a unit begins.
    long width;
    // The path position of the current unit's root, or -1 while the path is above every root.
    int unitRoot = -1;
    // True when the next unit reached is a new one (the last backtrack went above the current root).
    bool newUnit = true;

    public string Name => "dfs";
    public bool IsComplete { get; private set; }

    /// <summary>True once the bound has cut a preempting branch: until then the exploration is unbounded in effect.</summary>
    public bool Pruned { get; private set; }

    /// <summary>The bound a complete exploration covered, or null when the bound never cut a branch (every schedule was run).</summary>
    public int? CompleteWithin => Pruned ? preemptionBound : null;

    /// <summary>The unit (0-based, in depth-first order) of the last execution; -1 without a partition.</summary>
    public long Unit { get; private set; } = -1;

    /// <summary>False when the last execution ran to its end in a unit another worker or shard owns.</summary>
    public bool Owned { get; private set; } = true;

    public bool PrepareExecution()
    {
        position = 0;
        preemptions = 0;
        width = 1;
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
    public bool UnitDone => newUnit || IsComplete;

    /// <summary>Ends the execution (run to its end, or stopped by <see cref="UnitSkippedException"/>) and moves to the next path.</summary>
    public void OnExecutionEnd(int steps)
    {
        // An execution that ended above every root is a unit of its own.
        if (partition is not null && newUnit && unitRoot < 0) Owned = Begin();
        Backtrack(position);
    }

    /// <summary>Skips what is left of the current unit (after a bug, or when it is no longer needed).</summary>
    public void LeaveUnit()
    {
        if (!newUnit && unitRoot >= 0) Backtrack(unitRoot + 1);
    }

    // Drops the path from position `keep` on and advances the deepest point that has options left.
    void Backtrack(int keep)
    {
        path.RemoveRange(keep, path.Count - keep);
        while (path.Count > 0 && path[^1].Chosen + 1 >= path[^1].Count) path.RemoveAt(path.Count - 1);
        if (path.Count == 0) IsComplete = true;
        else path[^1] = path[^1] with { Chosen = path[^1].Chosen + 1 };
        // Backtracking at or above the root leaves the unit.
        newUnit = unitRoot < 0 || path.Count - 1 <= unitRoot;
        if (newUnit) unitRoot = -1;
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
        if (partition is not null && unitRoot < 0 && count > 1)
        {
            width = width > long.MaxValue / count ? long.MaxValue : width * count;
            if (width >= partition.Threshold)
            {
                unitRoot = position - 1;
                if (newUnit && !Begin()) throw new UnitSkippedException();
            }
        }
        return chosen;
    }

    // A new unit is reached: number it and ask whether it is ours.
    bool Begin()
    {
        newUnit = false;
        Unit++;
        Owned = partition!.Claim(Unit);
        return Owned;
    }
}

/// <summary>
/// Thrown by <see cref="DfsStrategy"/> where a unit it does not own begins: the execution stops there and
/// the search goes on after the unit. Not a bug and not a divergence.
/// </summary>
public sealed class UnitSkippedException() : StrategyMismatchException("the unit belongs to another worker or shard");
