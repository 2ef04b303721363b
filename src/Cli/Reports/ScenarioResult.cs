using ModelCheck.Engine;

namespace ModelCheck.Cli.Reports;

/// <summary>
/// One scenario's outcome as the reports (--json, --junit) and `merge` see it: the exploration report,
/// the trace file written for each of its bugs (in the order of <see cref="ExplorationReport.Bugs"/>), and
/// whether it fails the run: with --expect, when the verdict differs from the contract; without, when a
/// bug was found.
/// </summary>
public sealed record ScenarioResult(ExplorationReport Report, IReadOnlyList<string> Traces, bool Expect, IReadOnlyList<string>? Renderings = null)
{
    public Scenario Scenario => Report.Scenario;

    public bool Failed => Expect ? !Report.MatchesExpectation : Report.Bugs.Count > 0;

    /// <summary>
    /// Bug <paramref name="index"/>'s trace rendered as `replay` prints it: replayed here, or as a shard
    /// rendered it when the result was merged from shard reports (their choices stay in the trace files).
    /// </summary>
    public string Rendering(int index) =>
        Renderings?[index] ?? StepTable.Render(Replayer.Replay(Scenario, TraceFile.From(Report, Report.Bugs[index])));

    /// <summary>
    /// The observed verdict as --expect prints it: with --all-bugs the first kind found may be a side effect,
    /// so an expected (or accepted) kind among those found is what the row shows.
    /// </summary>
    public string Observed =>
        !Scenario.IsExpectedBug(Report.Observed) && Report.BugCounts.Keys.FirstOrDefault(Scenario.IsExpectedBug) is var expected && expected != BugKind.None
            ? expected.ToName()
            : Report.Observed.ToName();
}
