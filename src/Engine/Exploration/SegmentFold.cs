namespace ModelCheck.Engine;

/// <summary>
/// Joins segments, in key order, into the report one run over all of them makes: executions, steps
/// and digests add up; each bug kind's first bug is the earliest, numbered from the run's start; when
/// the run stops at its first bug, nothing after that bug's segment counts. Used by the explorers
/// (segments of workers) and by `merge` (segments of shards).
/// </summary>
public static class SegmentFold
{
    /// <param name="exhaustive">The segments cover the whole space (depth-first search that reached its end, every unit explored).</param>
    public static ExplorationReport Fold(Scenario scenario, TestConfiguration configuration, IEnumerable<Segment> segments, bool exhaustive, TimeSpan elapsed)
    {
        int executions = 0, boundReached = 0, redundant = 0;
        long steps = 0;
        ulong digest = 0;
        var counts = new SortedDictionary<BugKind, int>();
        var bugs = new List<FoundBug>();
        var kept = new List<Segment>();
        var coverage = configuration.Coverage ? new CoverageSet() : null;
        foreach (var segment in segments.OrderBy(s => s.Key))
        {
            kept.Add(segment);
            // A block of iterations knows where it starts (its key), also in a shard that did not run the blocks before it.
            long before = segment.IsUnit ? executions : segment.Key;
            foreach (var found in segment.Bugs)
                if (!counts.ContainsKey(found.Bug.Kind)) bugs.Add(found with { Iteration = checked((int)(before + found.Iteration)) });
            foreach (var (kind, count) in segment.Counts) counts[kind] = counts.GetValueOrDefault(kind) + count;
            executions += segment.Executions;
            steps += segment.Steps;
            boundReached += segment.BoundReached;
            redundant += segment.Redundant;
            digest += segment.Digest;
            if (segment.Coverage is { } reached) coverage?.Add(reached);
            if (!configuration.AllBugs && segment.Bugs.Count > 0) break;
        }
        bool complete = exhaustive && kept.All(s => s.Finished) && boundReached == 0 && (bugs.Count == 0 || configuration.AllBugs);
        return new ExplorationReport(scenario, configuration, executions, steps, boundReached, complete, bugs, counts, elapsed)
        {
            Digest = digest,
            Redundant = redundant,
            Segments = kept,
            Coverage = coverage,
        };
    }

    /// <summary>
    /// The report of the whole run from the reports of its shards 1..N (each present once, all with the
    /// same settings: the caller checks). An exhaustive search (dfs, dpor) is complete when every shard is.
    /// </summary>
    public static ExplorationReport Join(Scenario scenario, TestConfiguration configuration, IReadOnlyList<ExplorationReport> shards) =>
        Fold(scenario, configuration with { Shard = Shard.Whole }, shards.SelectMany(s => s.Segments),
            exhaustive: configuration.Strategy.IsExhaustive() && shards.All(s => s.Complete),
            shards.Count == 0 ? TimeSpan.Zero : shards.Max(s => s.Elapsed));
}
