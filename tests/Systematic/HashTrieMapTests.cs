using ModelCheck.Engine;
using ModelCheck.Maps;

using static ModelCheck.Tests.Systematic.MapScenarioRuns;

namespace ModelCheck.Tests.Systematic;

/// <summary>
/// The hashtriemap scenarios beyond their verdicts: each seeded bug of §2.10.4 is found by random and by
/// PCT within the repository's budget (coyote.json: 2000 iterations, seed 1), with its kind and the evidence
/// that names it; the correct map (and the same-spec scenarios, on either sync.Map model) passes PCT too; dfs
/// explores the correct scenarios completely (the H-1 witness without a preemption bound, the others within
/// a stated one).
/// </summary>
public sealed class HashTrieMapTests
{
    public static TheoryData<string, string> SeededBugs() => new()
    {
        // H-1 (golang/go#70970): CompareAndSwap and LoadAndDelete both succeed on k1's one value, and k1 is gone.
        { "hashtriemap/H-1", @"(?s)^(?=not linearizable: .* on key k1 )(?=.*CompareAndSwap\(k1, 10, 11\) +true )(?=.*LoadAndDelete\(k1\) +10 )" },
        { "hashtriemap/H-1/invariants", @"^HashTrieMap invariants: HT-4 immutable entries: e\d+\(k1\)'s value changed in place to 11" },
        { "hashtriemap/H-2", @"(?s)^not linearizable: .* on key k2 .*Store\(k2, 20\) .*Load\(k2\) +absent" },
        { "hashtriemap/H-2/invariants", @"^HashTrieMap invariants: HT-2: i\d+\[7\] = e\d+\(k2: 20\) is stored into a dead node" },
        { "hashtriemap/H-3", @"(?s)^not linearizable: .* on key k1 .*Load\(k1\) +absent" },
    };

    [Theory]
    [MemberData(nameof(SeededBugs))]
    public void Seeded_bug_is_found_by_random_and_pct_within_the_budget(string name, string evidence)
    {
        AssertFoundByRandomAndPct(Catalog.Find(name)!, evidence);
    }

    public static TheoryData<string> CorrectScenarios() =>
        new(Catalog.Match(["hashtriemap/correct/*", "hashtriemap/same-spec/*"]).Select(s => s.Name));

    [Theory]
    [MemberData(nameof(CorrectScenarios))]
    public void Correct_map_passes_pct_too(string name) => AssertPassesPct(name);

    [Theory]
    [InlineData("hashtriemap/correct/cas-vs-delete", null, 8592)]
    [InlineData("hashtriemap/correct/expand-under-load", 3, 1414)]
    [InlineData("hashtriemap/correct/prune-under-insert", 3, 1697)]
    [InlineData("hashtriemap/correct/collisions", 3, 7668)]
    [InlineData("hashtriemap/correct/faithful-hash", 3, 4579)]
    [InlineData("hashtriemap/correct/clear", 3, 3222)]
    [InlineData("hashtriemap/correct/lazy-init", 2, 6954)]
    [InlineData("hashtriemap/correct/range", 2, 2943)]
    [InlineData("hashtriemap/correct/conditional", 1, 1099)]
    public void Dfs_explores_correct_scenarios_completely(string name, int? preemptionBound, int executions) =>
        Assert.Equal(executions, AssertDfsComplete(name, preemptionBound).Executions);

    // DPOR without a preemption bound: every correct scenario completely, each seeded bug within a few executions.
    [Theory]
    [InlineData("hashtriemap/correct/cas-vs-delete", 6)]
    [InlineData("hashtriemap/correct/expand-under-load", 8)]
    [InlineData("hashtriemap/correct/prune-under-insert", 5)]
    [InlineData("hashtriemap/correct/clear", 21)]
    [InlineData("hashtriemap/correct/collisions", 40)]
    [InlineData("hashtriemap/correct/faithful-hash", 36)]
    [InlineData("hashtriemap/correct/range", 35)]
    [InlineData("hashtriemap/correct/lazy-init", 190)]
    [InlineData("hashtriemap/correct/conditional", 6950)]
    public void Dpor_explores_correct_scenarios_completely_without_a_bound(string name, int executions)
    {
        var report = Explorer.Explore(Catalog.Find(name)!, Budget(StrategyKind.Dpor) with { Iterations = 100_000 });
        Assert.True(report.Observed == BugKind.None && report.Complete, $"{name} under dpor: {Describe(report)}, complete {report.Complete}");
        Assert.Equal(executions, report.Executions);
    }

    [Theory]
    [MemberData(nameof(SeededBugs))]
    public void Dpor_finds_every_seeded_bug(string name, string evidence)
    {
        var scenario = Catalog.Find(name)!;
        var report = Explorer.Explore(scenario, Budget(StrategyKind.Dpor) with { Iterations = 100 });
        Assert.True(report.Observed == scenario.Expected, $"{name} under dpor: {Describe(report)}");
        Assert.Matches(evidence, report.Bugs[0].Bug.Message);
    }

    [Fact]
    public void The_scenarios_reach_every_coverage_label_of_the_trie()
    {
        var labels = CoverageCatalog.Discover(MapsAssembly.Assembly).All.Where(l => l.Model == "hashtriemap").ToList();
        var reached = Catalog.Match(["hashtriemap/*"])
            .Select(s => Explorer.Explore(s, RepositoryConfiguration.Load() with { TimeoutSeconds = null, Coverage = true }).Coverage!)
            .ToList();
        var missed = labels.Where(l => !reached.Any(c => c.Contains(l))).Select(l => l.Name).ToList();
        Assert.True(labels.Count > 0 && missed.Count == 0, $"not reached: {string.Join("; ", missed)}");
    }
}
