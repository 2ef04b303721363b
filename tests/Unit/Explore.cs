using ModelCheck.Engine;
using ModelCheck.Maps;

namespace ModelCheck.Tests.Unit;

/// <summary>Explores built-in scenarios and scenarios written inline in a test.</summary>
static class Explore
{
    public static readonly ScenarioCatalog BuiltIn = ScenarioCatalog.Discover(MapsAssembly.Assembly);

    public static Scenario Named(string name) => BuiltIn.Find(name) ?? throw new ArgumentException($"no built-in scenario '{name}'");

    public static Scenario Inline(Func<Runtime, Task> entry, BugKind expected = BugKind.None, string name = "test/inline") =>
        new(name, "written inline in a unit test", expected, entry);

    public static TestConfiguration With(StrategyKind strategy, int iterations = 2000, int? value = null, ulong seed = 1) =>
        new() { Strategy = strategy, Iterations = iterations, StrategyValue = value, Seed = seed };

    public static ExplorationReport Run(Scenario scenario, TestConfiguration configuration) => Explorer.Explore(scenario, configuration);

    public static ExplorationReport Run(Func<Runtime, Task> entry, TestConfiguration configuration) => Run(Inline(entry), configuration);

    /// <summary>The first bug, which the test insists was found.</summary>
    public static Bug FirstBug(this ExplorationReport report) =>
        report.Bugs.Count > 0 ? report.Bugs[0].Bug : throw new Xunit.Sdk.XunitException($"no bug found in {report.Executions} executions");
}
