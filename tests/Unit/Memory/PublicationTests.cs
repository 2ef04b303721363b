using ModelCheck.Engine;
using ModelCheck.Maps;

namespace ModelCheck.Tests.Unit.Memory;

/// <summary>
/// The racy-publication scenarios, explored exhaustively: a relaxed flag is a data race under every
/// model, ra shows the stale read when detection is off, and release/acquire passes everywhere.
/// </summary>
public sealed class PublicationTests
{
    static readonly ScenarioCatalog Catalog = ScenarioCatalog.Discover(MapsAssembly.Assembly);

    static ExplorationReport Dfs(string name) =>
        Explorer.Explore(Catalog.Find(name)!, new TestConfiguration { Strategy = StrategyKind.Dfs, Iterations = 100_000 });

    [Theory]
    [InlineData("sc")]
    [InlineData("tso")]
    [InlineData("ra")]
    public void A_relaxed_flag_is_a_data_race_on_the_data(string model)
    {
        var bug = Exhaustive.FirstBug(Dfs($"memory/racy-publication-{model}"), BugKind.DataRace);
        Assert.Contains("data race on data: task 'writer' plain store at step", bug.Message);
        Assert.Contains("task 'reader' plain load at step", bug.Message);
    }

    [Theory]
    [InlineData("sc")]
    [InlineData("tso")]
    [InlineData("ra")]
    public void A_release_acquire_flag_passes_the_whole_space(string model) =>
        Exhaustive.AssertCompleteAndClean(Dfs($"memory/release-acquire-publication-{model}"));

    [Fact]
    public void Under_ra_the_racy_reader_sees_the_flag_and_stale_data()
    {
        var bug = Exhaustive.FirstBug(Dfs("memory/racy-publication-ra-stale"), BugKind.AssertionFailure);
        Assert.Contains("read data = 0", bug.Message);
    }

    [Fact]
    public void Under_tso_buffers_drain_in_order_so_the_data_is_never_stale() =>
        Exhaustive.AssertCompleteAndClean(Dfs("memory/racy-publication-tso-fifo"));
}
