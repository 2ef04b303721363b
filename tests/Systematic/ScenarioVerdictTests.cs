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
