using ModelCheck.Engine;
using ModelCheck.Maps;

using static ModelCheck.Tests.Systematic.MapScenarioRuns;

namespace ModelCheck.Tests.Systematic;

/// <summary>
/// Every coverage label a built-in model declares is reached by one of its scenarios, or declared
/// unreachable with the reason (and then never reached). Each scenario of the model is explored with
/// coverage on under random and under PCT, <see cref="Iterations"/> executions each (seed 1), and the
/// union is compared with the labels: a state that needs a deep preemption, such as chm's "get follows
/// two forwarding nodes", is PCT's to reach; random reaches it in none of 2000 executions.
/// </summary>
public sealed class CoverageTests
{
    const int Iterations = 100;
    static readonly CoverageCatalog Labels = CoverageCatalog.Discover(MapsAssembly.Assembly);

    public static TheoryData<string> Models() => new(Labels.Models);

    [Theory]
    [MemberData(nameof(Models))]
    public void Every_label_is_reached_or_declared_unreachable(string model)
    {
        var reached = new HashSet<CoverageLabel>();
        foreach (var scenario in Catalog.Match([model]))
            foreach (var strategy in new[] { StrategyKind.Random, StrategyKind.Pct })
                reached.UnionWith(Explorer.Explore(scenario, Budget(strategy) with { Iterations = Iterations, Coverage = true }).Coverage!.Labels);
        var labels = Labels.All.Where(l => l.Model == model).ToList();
        var missing = labels.Where(l => l.Unreachable is null && !reached.Contains(l)).Select(l => l.Name).ToList();
        var wronglyUnreachable = labels.Where(l => l.Unreachable is not null && reached.Contains(l)).Select(l => l.Name).ToList();
        Assert.True(missing.Count == 0, $"{model}: no scenario reaches {string.Join("; ", missing)}");
        Assert.True(wronglyUnreachable.Count == 0, $"{model}: declared unreachable but reached: {string.Join("; ", wronglyUnreachable)}");
    }

    [Fact]
    public void Each_map_model_declares_labels()
    {
        foreach (var model in new[] { "chm", "gomap", "syncmap" })
            Assert.Contains(model, Labels.Models);
    }
}
