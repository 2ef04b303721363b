using ModelCheck.Engine;

using static ModelCheck.Tests.Systematic.MapScenarioRuns;

namespace ModelCheck.Tests.Systematic;

/// <summary>
/// `test --expect --seed S` must pass for every S, not only coyote.json's seed. Only seeded-bug scenarios are
/// repeated here: a correct scenario's verdict is its complete exploration, which no seed changes (the seed
/// steers only the random and PCT executions interleaved with it, and within the scenario's bound those
/// cannot find what complete exploration did not). scripts/seed-contracts.sh runs seeds 0 to 199.
/// </summary>
public sealed class SeedContractTests
{
    public static TheoryData<ulong> Seeds() => new(Enumerable.Range(0, 20).Select(s => (ulong)s));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Every_seeded_bug_is_found_with_an_accepted_kind_whatever_the_seed(ulong seed)
    {
        var configuration = RepositoryConfiguration.Load() with { Seed = seed, TimeoutSeconds = null };
        Assert.Equal(StrategyKind.Portfolio, configuration.Strategy);
        // A bug that needs three preemptions (chm/J-5) is found by the deepening DFS alone, whose order uses no
        // seed (ConcurrentHashMapTests pins the execution); repeating its 10,000 executions per seed adds nothing.
        var wrong = Catalog.All.Where(s => s.Expected != BugKind.None && s.PreemptionBound is null or < 3)
            .Select(s => Explorer.Explore(s, configuration))
            .Where(r => !r.MatchesExpectation)
            .Select(r => $"{r.Scenario.Name}: expected {r.Scenario.ExpectedName}, {Describe(r)}")
            .ToList();
        Assert.True(wrong.Count == 0, $"seed {seed}:\n" + string.Join("\n", wrong));
    }
}
