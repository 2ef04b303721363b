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

    /// <summary>When <see cref="Complete"/>: the preemption bound the exploration was cut at, or null when it ran every schedule.</summary>
    public int? CompleteWithin { get; init; }

    /// <summary>The kind of the first bug found, or <see cref="BugKind.None"/>: what --expect compares.</summary>
    public BugKind Observed => Bugs.Count > 0 ? Bugs[0].Bug.Kind : BugKind.None;

    /// <summary>
    /// The verdict matches the contract. A scenario that must pass must also have run every execution to
    /// its end, unless it declares why cut-off executions are expected (<see cref="Scenario.ToleratesCutOff"/>):
    /// an execution stopped at the step bound has not shown that it passes. Under the portfolio (the main
    /// job) a pass must moreover be a proof: exhaustive search covered the scenario's space (which a
    /// cut-off execution never does, so a scenario that tolerates cut-offs pins a sampling strategy).
    /// </summary>
    public bool MatchesExpectation => Scenario.Expected == BugKind.None
        ? Observed == BugKind.None && (BoundReached == 0 || Scenario.ToleratesCutOff is not null) && (Complete || !MustBeComplete)
        : Scenario.IsExpectedBug(Observed) || BugCounts.Keys.Any(Scenario.IsExpectedBug);

    /// <summary>
    /// True when a pass must be complete: under the portfolio. A scenario pinned to one strategy is
    /// explored under that strategy's configuration, so a pinned sampling strategy states a sampled pass.
    /// </summary>
    public bool MustBeComplete => Configuration.Strategy == StrategyKind.Portfolio && Scenario.Expected == BugKind.None;

    /// <summary>"complete", "complete within N preemptions", or "no".</summary>
    public string Completeness => !Complete ? "no" : CompleteWithin is { } bound ? $"complete within {bound} preemption{(bound == 1 ? "" : "s")}" : "complete";

    /// <summary>Why the exploration stopped before its budget ("timeout", "interrupted"), or null.</summary>
    public string? StopReason { get; init; }

    /// <summary>The labels the executions reached, when the configuration asked for coverage.</summary>
    public CoverageSet? Coverage { get; init; }

    /// <summary>How the run used its worker threads and the process: clock figures, for `test --diagnostics`.</summary>
    public RunDiagnostics? Diagnostics { get; init; }

    public double ExecutionsPerSecond => Executions / Math.Max(Elapsed.TotalSeconds, 1e-9);
    public double StepsPerSecond => Steps / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
