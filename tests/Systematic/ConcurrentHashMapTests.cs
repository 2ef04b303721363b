using ModelCheck.Engine;
using ModelCheck.Maps.ConcurrentHashMap;

using static ModelCheck.Tests.Systematic.MapScenarioRuns;

namespace ModelCheck.Tests.Systematic;

/// <summary>
/// The chm scenarios beyond their verdicts: each seeded bug is found by random and by PCT within the repository's
/// budget (coyote.json: 2000 iterations, seed 4) with its kind and the invariant it names; the correct map and the
/// negative controls also pass PCT; dfs explores the small correct scenarios completely.
/// </summary>
public sealed class ConcurrentHashMapTests
{
    public static TheoryData<string, string> SeededBugs() => new()
    {
        { "chm/J-1a", "^C-6 claims: (bin \\d+ of T\\d claimed twice|transferIndex .* went up)" },
        { "chm/J-1b", "evacuated twice: the second split overwrote" },
        { "chm/J-2", "^not linearizable: .* on key k3 (.|\n)*Swap\\(k3, 31\\) +30 (.|\n)*Load\\(k3\\) +30 +\\d+ +\\d+ +\\[-\\]$" },
        { "chm/J-2b", "^not linearizable: .* on key k(3|7) (.|\n)*Load\\(k(3|7)\\) +absent" },
        { "chm/J-3", "^data race on T4\\[3\\]: task 't\\d' (acquire load|plain store) at step \\d+ and task 't\\d' (acquire load|plain store) at step \\d+ are not ordered by happens-before$" },
        { "chm/J-3/ra", "^not linearizable: .* on key k(3|7) (.|\n)*Load\\(k(3|7)\\) +absent" },
        { "chm/J-4a", "^not linearizable: .* on key k\\d (.|\n)*Load\\(k\\d\\) +absent" },
        { "chm/J-4b", "^data race on sizeCtl: task 't\\d' (seq_cst load|plain store) at step \\d+ and task 't\\d' (seq_cst load|plain store) at step \\d+ are not ordered by happens-before$" },
        { "chm/N-3/ra", "^not linearizable: .* on key k\\d (.|\n)*Load\\(k\\d\\) +absent" },
        { "chm/L-1", "^P-1 writer progress of t\\d: hot for 2 entries, past its threshold of 1: meeting 2 of a forwarding node, this time in T4, though only 1 resize has started" },
    };

    [Theory]
    [MemberData(nameof(SeededBugs))]
    public void Seeded_bug_is_found_by_random_and_pct_within_the_budget(string name, string evidence)
    {
        AssertFoundByRandomAndPct(Catalog.Find(name)!, evidence);
    }

    public static TheoryData<string> PassingScenarios() =>
        new(Catalog.Match(["chm/*"]).Where(s => s.Expected == BugKind.None).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(PassingScenarios))]
    public void Correct_map_and_negative_controls_pass_pct_too(string name) => AssertPassesPct(name);

    [Theory]
    [InlineData("chm/correct/resize-under-get", 3)]
    [InlineData("chm/correct/inserts-during-resize", 2)]
    [InlineData("chm/correct/insert-into-moving-bin", 2)]
    public void Dfs_explores_small_correct_scenarios_completely(string name, int preemptionBound) => AssertDfsComplete(name, preemptionBound);

    // With every monitor on, the ghost invariants see a data-level bug before its damage shows in a result.
    [Theory]
    [InlineData("J-1b", "^C-6 claims: ")]
    [InlineData("J-2", "^C-5 detached writes: val of k3 written after its bin was forwarded")]
    [InlineData("J-4a", "^C-1..C-4, C-7 resize: (T2 is resized again after its resize committed \\(C-7\\)|nextTable T4' published for T2 while the resize of T2 has not committed \\(C-2\\))$")]
    public void Every_monitor_on_catches_the_cause_first(string variant, string invariant)
    {
        string name = variant switch { "J-1b" => "chm/J-1b", "J-2" => "chm/J-2", _ => "chm/J-4a" };
        var scenario = new Scenario(name + " (every monitor)", "", BugKind.MonitorViolation,
            rt => Scenarios.RunWithChecks(rt, variant, ChmChecks.All));
        AssertFoundByRandomAndPct(scenario, invariant);
    }

    // J-5 is three preemptions deep, beyond random and PCT at this budget (none in 20,000 random executions),
    // so the deepening DFS finds it, at the same execution whatever the seed (its order uses none).
    [Fact]
    public void J5_stale_helper_is_found_by_dfs_within_three_preemptions()
    {
        var report = Explorer.Explore(Catalog.Find("chm/J-5")!, Budget(StrategyKind.Dfs) with { StrategyValue = 3, Iterations = 100_000 });
        Assert.True(report.Observed == BugKind.MonitorViolation, Describe(report));
        Assert.Matches("^C-1..C-4, C-7 resize: sizeCtl -\\d+ does not carry the resize stamp of T2 \\(C-1\\)$", report.Bugs[0].Bug.Message);
        Assert.Equal(7102, report.Executions);
    }

    // What J-5 does when nothing watches the count: with the resize and claim monitors off, the stale helper
    // deregisters last, neither it nor T4 -> T8's initiator commits, and C-9 finds nextTable still set at
    // rest: the map never resizes again. Four preemptions deep: about 40,000 dfs executions, far fewer with DPOR.
    [Fact]
    public void J5_can_leave_a_resize_that_never_commits()
    {
        var scenario = new Scenario("chm/J-5 (resize and claim monitors off)", "", BugKind.MonitorViolation,
            rt => Scenarios.RunWithChecks(rt, "J-5", ChmChecks.All & ~ChmChecks.Resize & ~ChmChecks.Claims));
        var report = Explorer.Explore(scenario, Budget(StrategyKind.Dpor) with { Iterations = 200_000 });
        Assert.True(report.Observed == BugKind.MonitorViolation, Describe(report));
        Assert.Equal("C-9 quiescence: nextTable is still T8 after every task finished", report.Bugs[0].Bug.Message);
    }
}
