namespace ModelCheck.Engine;

/// <summary>
/// Where an exhaustive strategy's walk of the tree stands among a <see cref="TreePartition"/>'s units:
/// the product of the option counts on the path above every unit so far, the path position where the
/// current unit starts, and the unit's number and whether this walk owns it. Depth-first search and DPOR
/// cut the tree the same way and differ only in where a unit starts relative to the point that reached
/// the threshold (below one of its options, or at the point itself), which they pass to
/// <see cref="Enter"/>. Units are numbered in the order the walk reaches them, so every walker of the
/// same tree numbers them alike.
/// </summary>
internal sealed class UnitWalk(TreePartition partition)
{
    long width = 1;
    // True when the next unit reached is a new one (the last backtrack went above the current unit's start).
    bool fresh = true;

    /// <summary>The path position of the current unit's first point, or -1 while the path is above every unit.</summary>
    public int Start { get; private set; } = -1;

    /// <summary>The unit (0-based, in walk order) of the last execution.</summary>
    public long Unit { get; private set; } = -1;

    /// <summary>False when the last execution ran in a unit another worker or shard owns.</summary>
    public bool Owned { get; private set; } = true;

    /// <summary>True while the path is inside a unit.</summary>
    public bool InUnit => Start >= 0;

    /// <summary>True when the product of the option counts above every unit has reached the partition's threshold.</summary>
    public bool Wide => width >= partition.Threshold;

    /// <summary>True when the last execution was the last of its unit: the next one begins another.</summary>
    public bool UnitDone => fresh;

    public void StartExecution() => width = 1;

    /// <summary>A point of <paramref name="count"/> options on the path; only points above every unit widen it.</summary>
    public void Pass(int count)
    {
        if (InUnit || count < 2) return;
        width = width > long.MaxValue / count ? long.MaxValue : width * count;
    }

    /// <summary>
    /// The unit starting at path position <paramref name="start"/> is reached. A new one is numbered and
    /// claimed; false when it belongs to another walker (the caller stops the execution there with
    /// <see cref="UnitSkippedException"/>, or tries <see cref="EnterNext"/>).
    /// </summary>
    public bool Enter(int start)
    {
        Start = start;
        return !fresh || Begin();
    }

    /// <summary>The unit just reached belongs to another walker, and the next unit starts at the same place (the next option of the same point): numbers and claims it.</summary>
    public bool EnterNext() => Begin();

    /// <summary>The execution ended: one that ended above every unit is a unit of its own.</summary>
    public void Ended()
    {
        if (fresh && !InUnit) Owned = Begin();
    }

    /// <summary>
    /// The strategy moved on to the next path by advancing the point at <paramref name="advanced"/> (-1: the
    /// tree is exhausted); advancing a point before the unit's start leaves the unit.
    /// </summary>
    public void Backtracked(int advanced)
    {
        fresh = !InUnit || advanced < Start;
        if (fresh) Start = -1;
    }

    bool Begin()
    {
        fresh = false;
        Unit++;
        Owned = partition.Claim(Unit);
        return Owned;
    }
}

/// <summary>
/// Thrown by an exhaustive strategy where a unit it does not own begins: the execution stops there and
/// the search goes on after the unit. Not a bug and not a divergence.
/// </summary>
public sealed class UnitSkippedException() : StrategyMismatchException("the unit belongs to another worker or shard");

/// <summary>An exhaustive strategy that can walk a <see cref="TreePartition"/>'s units (see <see cref="TreeExplorer"/>).</summary>
internal interface IPartitionedStrategy : IStrategy
{
    /// <summary>The unit of the last execution.</summary>
    long Unit { get; }

    /// <summary>False when the last execution ran to its end in a unit another worker or shard owns.</summary>
    bool Owned { get; }

    /// <summary>True when the last execution was the last of its unit.</summary>
    bool UnitDone { get; }

    /// <summary>Skips what is left of the current unit (after a bug, or when it is no longer needed).</summary>
    void LeaveUnit();

    /// <summary>
    /// Gives part of what is left of the current unit to another worker (see <see cref="SubtreeExchange"/>);
    /// null when there is nothing to give. DPOR never splits a unit: its backtrack sets grow from races
    /// found later in the unit, which the explorer of another part would not see.
    /// </summary>
    DfsSubtree? Split() => null;
}
