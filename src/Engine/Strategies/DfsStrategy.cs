namespace ModelCheck.Engine;

/// <summary>
/// Exhaustive depth-first search over every scheduling and data choice, optionally with a bound on
/// preemptions (switching away from a task that could have gone on). When the path stack empties,
/// the space (within the bound) has been explored: <see cref="IsComplete"/>.
/// Option 0 at a scheduling point is always "let the previous task go on", so the first execution is
/// the non-preemptive one and the bound prunes exactly the preempting branches.
/// With a <see cref="TreePartition"/>, the tree is cut into units (see there) and only the units the
/// partition lets this strategy claim are explored; the others are skipped where they begin. Between two
/// executions the rest of a unit can be divided (<see cref="Split"/>): the later options of a point go to
/// another worker as a <see cref="DfsSubtree"/>, which a strategy made without a partition explores
/// (<see cref="Explore"/>).
/// </summary>
public sealed class DfsStrategy(int? preemptionBound, TreePartition? partition = null) : IPartitionedStrategy
{
    /// <summary>A point of the path: its option count, the option taken, and the options below <see cref="Limit"/> this search explores (the rest were given away).</summary>
    internal readonly record struct Point(int Count, int Chosen, int Limit);

    readonly List<Point> path = [];
    readonly UnitWalk? units = partition is null ? null : new UnitWalk(partition);
    // The first path position this search owns: the whole tree's root, or a subtree's first point.
    int floor;
    long subtreeUnit = -1;
    int position;
    int preemptions;

    public string Name => "dfs";
    public bool IsComplete { get; private set; }

    /// <summary>True once the bound has cut a preempting branch: until then the exploration is unbounded in effect.</summary>
    public bool Pruned { get; private set; }

    /// <summary>The bound a complete exploration covered, or null when the bound never cut a branch (every schedule was run).</summary>
    public int? CompleteWithin => Pruned ? preemptionBound : null;

    /// <summary>The unit (0-based, in depth-first order) of the last execution, or of the subtree explored; -1 without either.</summary>
    public long Unit => units?.Unit ?? subtreeUnit;

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

    /// <summary>
    /// Gives away the later options of the shallowest point of the current unit (or subtree) that has some
    /// left, the largest part of what is left to explore; null when nothing is left to give (or the walk is
    /// between units). What is given follows, in depth-first order, every execution this search still
    /// runs in the unit, so the unit's results are its parts' results joined in the order they were split off.
    /// </summary>
    public DfsSubtree? Split()
    {
        int from = units is null ? floor : units is { InUnit: true, UnitDone: false } ? units.Start : -1;
        if (from < 0 || IsComplete) return null;
        for (int i = from; i < path.Count; i++)
        {
            var point = path[i];
            if (point.Chosen + 1 >= point.Limit) continue;
            var given = new Point[i + 1];
            path.CopyTo(0, given, 0, i + 1);
            given[i] = point with { Chosen = point.Chosen + 1 };
            path[i] = point with { Limit = point.Chosen + 1 };
            return new DfsSubtree(Unit, given);
        }
        return null;
    }

    /// <summary>Starts on <paramref name="subtree"/>, split off another search of the same tree; complete when it is explored.</summary>
    public void Explore(DfsSubtree subtree)
    {
        path.Clear();
        path.AddRange(subtree.Path);
        floor = subtree.Path.Length - 1;
        subtreeUnit = subtree.Unit;
        IsComplete = false;
    }

    /// <summary>Skips what is left of the current unit (after a bug, or when it is no longer needed).</summary>
    public void LeaveUnit()
    {
        if (units is { UnitDone: false, InUnit: true }) Backtrack(units.Start);
    }

    // The unit below the option just taken belongs to another walker. The units below the later options of
    // the same point come next in walk order: claim the first that is free and go on into it in this same
    // execution, rather than running the path up to here again for each unit another walker owns (where
    // the cut falls late in an execution, that doubled a walker's work). None free: the execution stops.
    int NextOwnedOption()
    {
        var point = path[position - 1];
        while (point.Chosen + 1 < point.Limit)
        {
            point = point with { Chosen = point.Chosen + 1 };
            path[position - 1] = point;
            if (units!.EnterNext()) return point.Chosen;
        }
        throw new UnitSkippedException();
    }

    // Drops the path from position `keep` on and advances the deepest point that has options left.
    void Backtrack(int keep)
    {
        path.RemoveRange(keep, path.Count - keep);
        while (path.Count > floor && path[^1].Chosen + 1 >= path[^1].Limit) path.RemoveAt(path.Count - 1);
        if (path.Count == floor) IsComplete = true;
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
            path.Add(new Point(count, 0, count));
            chosen = 0;
        }
        position++;
        // A unit is the subtree below one option of the point where the width reaches the threshold.
        if (units is { InUnit: false })
        {
            units.Pass(count);
            if (units.Wide && !units.Enter(position)) chosen = NextOwnedOption();
        }
        return chosen;
    }
}

/// <summary>
/// Part of a unit of a depth-first search that one worker hands to another: the options from the last
/// point's <c>Chosen</c> up to its <c>Limit</c>, below the choices fixed on the path above it.
/// </summary>
public sealed class DfsSubtree
{
    internal DfsSubtree(long unit, DfsStrategy.Point[] path)
    {
        Unit = unit;
        Path = path;
    }

    /// <summary>The unit it is part of.</summary>
    public long Unit { get; }

    internal DfsStrategy.Point[] Path { get; }
}
