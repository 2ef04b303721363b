using ModelCheck.Engine;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit;

/// <summary>Coverage labels: collected only when asked, per exploration, and discovered from the fields that declare them.</summary>
public sealed class CoverageTests
{
    static readonly CoverageLabel Odd = new("test", "an odd choice");
    static readonly CoverageLabel Never = new("test", "a choice of 5", unreachable: "Choose(2) has no 5");

    static async Task ChooseAndCover(Runtime rt)
    {
        await rt.Yield();
        rt.CoverIf(rt.Choose(2) == 1, Odd);
    }

    [Fact]
    public void An_exploration_collects_the_labels_its_executions_reach()
    {
        var report = Run(Inline(ChooseAndCover), With(StrategyKind.Dfs, 100) with { Coverage = true });
        Assert.True(report.Coverage!.Contains(Odd));
        Assert.False(report.Coverage.Contains(Never));
        Assert.Equal([Odd], report.Coverage.Labels);
    }

    [Fact]
    public void Without_coverage_nothing_is_collected()
    {
        var report = Run(Inline(ChooseAndCover), With(StrategyKind.Dfs, 100));
        Assert.Null(report.Coverage);
    }

    [Fact]
    public void Labels_are_discovered_per_model_in_declaration_order()
    {
        var catalog = CoverageCatalog.Discover(typeof(CoverageTests).Assembly);
        Assert.Equal([Odd, Never], catalog.All.Where(l => l.Model == "test"));
        Assert.Equal("Choose(2) has no 5", Never.Unreachable);
    }
}
