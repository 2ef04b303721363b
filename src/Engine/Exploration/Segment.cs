namespace ModelCheck.Engine;

/// <summary>
/// What one contiguous part of a run's space produced: a block of iterations [Key, Key + Executions)
/// of random or PCT, or one unit of a depth-first search (see <see cref="TreePartition"/>). Workers
/// and shards fill segments independently; <see cref="SegmentFold"/> joins them in key order into the
/// report a single run would have made, so results never depend on who explored what, or when.
/// </summary>
public sealed class Segment(long key, bool coverage = false, bool unit = false)
{
    /// <summary>Where the segment lies in the run's order: its first iteration, or its unit number.</summary>
    public long Key { get; } = key;

    /// <summary>True for a unit of a depth-first search, false for a block of iterations.</summary>
    public bool IsUnit => unit;

    /// <summary>The key of the segment that follows this one: after a block of iterations, the next iteration; after a unit, the next unit.</summary>
    public long Next => unit ? Key + Units : Key + Executions;

    /// <summary>How many units a segment of units covers: one, more once joined with the next, all of them for a plain search.</summary>
    internal long Units { get; init; } = 1;

    public int Executions { get; set; }
    public long Steps { get; set; }
    public int BoundReached { get; set; }

    /// <summary>Executions DPOR stopped early as redundant (sleep-set blocked); counted in <see cref="Executions"/>.</summary>
    public int Redundant { get; set; }

    /// <summary>The sum of the executions' digests (<see cref="ExecutionDigest"/>): which executions ran, in any order.</summary>
    public ulong Digest { get; set; }

    public SortedDictionary<BugKind, int> Counts { get; } = [];

    /// <summary>The first bug of each kind, in the order found; <see cref="FoundBug.Iteration"/> counts from the segment's start (1-based).</summary>
    public List<FoundBug> Bugs { get; } = [];

    /// <summary>The coverage labels its executions reached, when the run collects them.</summary>
    public CoverageSet? Coverage { get; } = coverage ? new CoverageSet() : null;

    /// <summary>True when explored to its end (or, stopping at the first bug, to that bug); false when cut short.</summary>
    public bool Finished { get; set; }

    /// <summary>Adds one execution and its result; true when it is this segment's first bug of its kind.</summary>
    internal bool Add(ExecutionResult result, Worker worker)
    {
        var choices = worker.Choices;
        if (worker.Reached is { } reached) Coverage?.Add(reached);
        Executions++;
        Steps += result.Steps;
        Digest += ExecutionDigest.Of(choices);
        if (result.Status == ExecutionStatus.BoundReached) BoundReached++;
        if (result.Status == ExecutionStatus.Redundant) Redundant++;
        if (result.Bug is not { } bug) return false;
        int count = Counts.GetValueOrDefault(bug.Kind) + 1;
        Counts[bug.Kind] = count;
        if (count > 1) return false;
        Bugs.Add(new FoundBug(bug, Executions, choices.ToArray()));
        return true;
    }

    /// <summary><paramref name="next"/> appended to this one (it must start where this one ends).</summary>
    public Segment Then(Segment next) => Join(next, Units + next.Units);

    /// <summary><paramref name="next"/>, the next part of the same unit (see <see cref="SubtreeExchange"/>), appended to this one.</summary>
    internal Segment ThenPart(Segment next) => Join(next, Units);

    Segment Join(Segment next, long units)
    {
        var joined = new Segment(Key, Coverage is not null, unit)
        {
            Units = units,
            Executions = Executions + next.Executions,
            Steps = Steps + next.Steps,
            BoundReached = BoundReached + next.BoundReached,
            Redundant = Redundant + next.Redundant,
            Digest = Digest + next.Digest,
            Finished = Finished && next.Finished,
        };
        foreach (var (kind, count) in Counts) joined.Counts[kind] = count;
        foreach (var (kind, count) in next.Counts) joined.Counts[kind] = joined.Counts.GetValueOrDefault(kind) + count;
        joined.Coverage?.Add(Coverage!);
        joined.Coverage?.Add(next.Coverage!);
        joined.Bugs.AddRange(Bugs);
        foreach (var found in next.Bugs)
            if (!Counts.ContainsKey(found.Bug.Kind)) joined.Bugs.Add(found with { Iteration = Executions + found.Iteration });
        return joined;
    }
}
