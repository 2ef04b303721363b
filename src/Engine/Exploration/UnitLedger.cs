namespace ModelCheck.Engine;

/// <summary>
/// The units a parallel depth-first search has explored, from every worker. It watches the iteration
/// budget: a single search stops after the first <c>Iterations</c> executions in depth-first order, so
/// once the units explored without a gap from the first hold that many, no later unit is needed.
/// </summary>
sealed class UnitLedger(Shard shard, int budget, TreePartition partition)
{
    readonly object gate = new();
    readonly SortedDictionary<long, Segment> units = [];
    // The first unit of this shard not yet finished, and the executions of the units before it.
    long nextUnit = shard.Index - 1;
    long executionsBefore;

    public IReadOnlyList<Segment> Segments
    {
        get { lock (gate) return units.Values.ToList(); }
    }

    public void Add(Segment segment)
    {
        lock (gate)
        {
            units[segment.Key] = segment;
            while (units.TryGetValue(nextUnit, out var done) && done.Finished)
            {
                executionsBefore += done.Executions;
                if (executionsBefore >= budget) partition.StopAfter(nextUnit);
                nextUnit += shard.Count;
            }
        }
    }

    /// <summary>True when every unit of this shard below <paramref name="unitCount"/> was explored to its end.</summary>
    public bool Covers(long unitCount)
    {
        lock (gate)
        {
            long mine = unitCount > shard.Index - 1 ? (unitCount - shard.Index) / shard.Count + 1 : 0;
            return units.Count == mine && units.Values.All(u => u.Finished);
        }
    }

    /// <summary>
    /// The units in order, cut where the budget ends; the unit it ends inside is explored again by
    /// <paramref name="explore"/>(unit, executions left), because a worker may have gone past the budget
    /// there before it knew. Truncated: some explored executions lie beyond the budget.
    /// </summary>
    public (IReadOnlyList<Segment> Segments, bool Truncated) WithinBudget(bool allBugs, Func<long, int, Segment> explore)
    {
        var all = Segments;
        var kept = new List<Segment>();
        int executions = 0;
        foreach (var unit in all)
        {
            if (executions == budget) break;
            if (executions + unit.Executions > budget)
            {
                kept.Add(explore(unit.Key, budget - executions));
                break;
            }
            kept.Add(unit);
            executions += unit.Executions;
            // Stopping at the first bug, nothing after it counts.
            if (!allBugs && unit.Bugs.Count > 0) break;
        }
        return (kept, kept.Count < all.Count || (kept.Count > 0 && !ReferenceEquals(kept[^1], all[kept.Count - 1])));
    }
}
