namespace ModelCheck.Engine;

/// <summary>What exploring one scenario found. Everything but <see cref="Elapsed"/> is a function of the inputs.</summary>
public sealed record ExplorationReport(
    Scenario Scenario,
    TestConfiguration Configuration,
    int Executions,
    long Steps,
    int BoundReached,
    bool Complete,
    IReadOnlyList<FoundBug> Bugs,
    IReadOnlyDictionary<BugKind, int> BugCounts,
    TimeSpan Elapsed)
{
    /// <summary>The sum of the executions' <see cref="ExecutionDigest"/>s: equal for runs that explored the same executions.</summary>
    public ulong Digest { get; init; }

    /// <summary>The parts of the space the report joins, in order (one per worker's block or unit; for shard reports and `merge`).</summary>
    public IReadOnlyList<Segment> Segments { get; init; } = [];

    /// <summary>
    /// Executions a reducing strategy (dpor) stopped early because they would only repeat explored
    /// ones (sleep-set blocked); counted in <see cref="Executions"/>.
    /// </summary>
    public int Redundant { get; init; }

    /// <summary>The kind of the first bug found, or <see cref="BugKind.None"/>: what --expect compares.</summary>
    public BugKind Observed => Bugs.Count > 0 ? Bugs[0].Bug.Kind : BugKind.None;

    /// <summary>
    /// The verdict matches the contract. A scenario that must pass must also have run every execution to
    /// its end, unless it declares why cut-off executions are expected (<see cref="Scenario.ToleratesCutOff"/>):
    /// an execution stopped at the step bound has not shown that it passes.
    /// </summary>
    public bool MatchesExpectation => Scenario.Expected == BugKind.None
        ? Observed == BugKind.None && (BoundReached == 0 || Scenario.ToleratesCutOff is not null)
        : Observed == Scenario.Expected || BugCounts.ContainsKey(Scenario.Expected);

    /// <summary>The labels the executions reached, when the configuration asked for coverage.</summary>
    public CoverageSet? Coverage { get; init; }

    public double ExecutionsPerSecond => Executions / Math.Max(Elapsed.TotalSeconds, 1e-9);
    public double StepsPerSecond => Steps / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
