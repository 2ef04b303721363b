using System.Threading;

namespace ModelCheck.Engine;

/// <summary>
/// Dynamic load balancing for a depth-first search on several workers. Units differ in size by orders of
/// magnitude (a preemption bound leaves the non-preempting branch far more room than the others), so
/// once a worker's walk has no unit left to claim it would sit idle while another finishes a large one.
/// Instead it asks here, and a busy worker, between two of its executions, gives it the later options of
/// the shallowest point of its unit that has some left (<see cref="DfsStrategy.Split"/>), as work-stealing
/// searches hand out subtrees. Which worker explores what then depends on thread timing, but not the
/// results: each part given away covers the executions that follow, in depth-first order, every execution
/// its giver still runs in the unit, so the unit's parts, kept in the order they were split off and joined
/// when the last is explored, give the unit's segment one worker makes (the same executions, steps,
/// digest, first bug of each kind and its number). Units stay the partition of shards: a unit is split
/// only among the workers of one process.
/// </summary>
sealed class SubtreeExchange(int workers, bool eager)
{
    readonly object gate = new();
    readonly Queue<(DfsSubtree Subtree, UnitPart Part)> offered = new();
    // The parts of each split unit, in depth-first order, until every one is explored.
    readonly Dictionary<long, SplitUnit> split = [];
    int idle;
    int waiting;

    /// <summary>
    /// True when a worker waits for work that nobody has offered yet: a busy worker should split. Eager
    /// (for tests) splits whenever there is something to give, so that any order of parts is exercised.
    /// </summary>
    public bool Wanted => eager || Volatile.Read(ref idle) > Volatile.Read(ref waiting);

    /// <summary>
    /// Offers <paramref name="subtree"/>, split off the part <paramref name="giver"/> explores (null: the
    /// whole unit a walker explores, not split before, of which it has explored <paramref name="explored"/>
    /// executions); returns the giver's part, to hand in with <see cref="Finish"/>.
    /// </summary>
    public UnitPart Offer(UnitPart? giver, DfsSubtree subtree, int explored)
    {
        lock (gate)
        {
            if (giver is null)
            {
                var unit = new SplitUnit(explored);
                split[subtree.Unit] = unit;
                giver = new UnitPart(subtree.Unit, unit);
                unit.Parts.Add(giver);
            }
            var parts = giver.Of.Parts;
            var part = new UnitPart(subtree.Unit, giver.Of);
            parts.Insert(parts.IndexOf(giver) + 1, part);
            offered.Enqueue((subtree, part));
            waiting = offered.Count;
            Monitor.Pulse(gate);
            return giver;
        }
    }

    /// <summary>
    /// Waits for a subtree to explore; null when every worker is idle with nothing offered (the search is
    /// over: only busy workers offer) or the run is stopping.
    /// </summary>
    public (DfsSubtree Subtree, UnitPart Part)? Take(RunControl control)
    {
        lock (gate)
        {
            idle++;
            while (offered.Count == 0)
            {
                if (idle == workers || control.Stopping)
                {
                    Monitor.PulseAll(gate);
                    return null;
                }
                // A stop (Ctrl-C, the time budget, another worker's fault) does not pulse: look again now and then.
                Monitor.Wait(gate, 50);
            }
            idle--;
            var taken = offered.Dequeue();
            waiting = offered.Count;
            return taken;
        }
    }

    /// <summary>A subtree offered and not yet taken, without waiting; null when there is none.</summary>
    public (DfsSubtree Subtree, UnitPart Part)? TryTake()
    {
        if (Volatile.Read(ref waiting) == 0) return null;
        lock (gate)
        {
            if (offered.Count == 0) return null;
            var taken = offered.Dequeue();
            waiting = offered.Count;
            return taken;
        }
    }

    /// <summary>
    /// Hands in the result of <paramref name="part"/>; when it was the last of its unit to come in, returns
    /// the unit's segment: its parts joined in depth-first order.
    /// </summary>
    public Segment? Finish(UnitPart part, Segment result, bool allBugs)
    {
        lock (gate)
        {
            part.Result = result;
            var parts = part.Of.Parts;
            if (parts.Any(p => p.Result is null)) return null;
            split.Remove(part.Unit);
            return Join(parts, allBugs);
        }
    }

    /// <summary>A bug in <paramref name="part"/> ends the search there: the later parts of its unit are not needed.</summary>
    public void DropAfter(UnitPart part)
    {
        lock (gate)
        {
            var parts = part.Of.Parts;
            for (int i = parts.IndexOf(part) + 1; i < parts.Count; i++) parts[i].Unneeded = true;
        }
    }

    /// <summary>After a stop: what was explored of each unit whose parts did not all come in, cut at the first missing part.</summary>
    public IEnumerable<Segment> Unfinished(bool allBugs)
    {
        lock (gate) return split.Values.Where(u => u.Parts[0].Result is not null).Select(u => Join(u.Parts, allBugs)).ToList();
    }

    static Segment Join(List<UnitPart> parts, bool allBugs)
    {
        var joined = parts[0].Result!;
        foreach (var part in parts.Skip(1))
        {
            // Stopping at the first bug, nothing after it counts.
            if (!allBugs && joined.Bugs.Count > 0) break;
            if (part.Result is not { } next)
            {
                joined.Finished = false;
                break;
            }
            joined = joined.ThenPart(next);
        }
        return joined;
    }
}

/// <summary>A unit split into parts: the parts in depth-first order, and the executions they have explored together.</summary>
sealed class SplitUnit(int explored)
{
    public readonly List<UnitPart> Parts = [];
    public int Explored = explored;
}

/// <summary>One part of a split unit: explored by one worker, joined with the others in depth-first order.</summary>
sealed class UnitPart(long unit, SplitUnit of)
{
    public long Unit { get; } = unit;

    public SplitUnit Of { get; } = of;

    /// <summary>
    /// Counts an execution of this part; returns the executions of every part of the unit so far. The
    /// iteration budget holds for them together: once they reach it the budget ends inside the unit, which
    /// is then explored again alone (see <see cref="UnitLedger"/>), so no part need go on.
    /// </summary>
    public int Explored() => Interlocked.Increment(ref Of.Explored);

    public Segment? Result { get; set; }

    /// <summary>Set when a bug in an earlier part of the unit ends the search before this part.</summary>
    public volatile bool Unneeded;
}
