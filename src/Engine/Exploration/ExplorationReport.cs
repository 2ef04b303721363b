using System.Diagnostics;

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
    /// <summary>The kind of the first bug found, or <see cref="BugKind.None"/>: what --expect compares.</summary>
    public BugKind Observed => Bugs.Count > 0 ? Bugs[0].Bug.Kind : BugKind.None;

    public bool MatchesExpectation => Observed == Scenario.Expected
        || (Scenario.Expected != BugKind.None && BugCounts.ContainsKey(Scenario.Expected));

    public double ExecutionsPerSecond => Executions / Math.Max(Elapsed.TotalSeconds, 1e-9);
    public double StepsPerSecond => Steps / Math.Max(Elapsed.TotalSeconds, 1e-9);
}
