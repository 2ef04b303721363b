using ModelCheck.Engine;
using ModelCheck.Maps;

namespace ModelCheck.Tests.Systematic;

/// <summary>
/// The suite's backbone and the main job (`test --expect`): every built-in scenario, explored with the
/// repository's coyote.json (the portfolio of random, PCT and preemption-deepening DFS), must reach its
/// declared verdict, and a passing one must be explored completely (within the preemption bound it declares).
/// A seeded bug no longer found, or a correct map that starts failing or stops being exhausted, turns it red.
/// </summary>
public sealed class ScenarioVerdictTests
{
    static readonly ScenarioCatalog Catalog = ScenarioCatalog.Discover(MapsAssembly.Assembly);

    public static TheoryData<string> Scenarios() => new(Catalog.All.Select(s => s.Name));

    // A scenario pinned to random or PCT is sampled under the portfolio, and its pass would not be a proof
    // (ExplorationReport.MustBeComplete exempts it): no built-in passing scenario may pin one.
    [Fact]
    public void No_passing_scenario_is_pinned_to_a_sampler()
    {
        var sampled = Catalog.All.Where(s => s.Expected == BugKind.None && s.Strategy is StrategyKind.Random or StrategyKind.Pct);
        Assert.Empty(sampled.Select(s => s.Name));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Scenario_reaches_its_expected_verdict(string name)
    {
        var scenario = Catalog.Find(name)!;
        var report = Explorer.Explore(scenario, RepositoryConfiguration.Load() with { TimeoutSeconds = null });
        var found = report.Bugs.Count > 0 ? $"{report.Bugs[0].Bug.Kind.ToName()}: {report.Bugs[0].Bug.Message}" : "no bug";
        Assert.True(report.MatchesExpectation,
            $"{name}: expected {scenario.ExpectedName}, observed {found} after {report.Executions} executions ({report.Completeness})");
    }
}
