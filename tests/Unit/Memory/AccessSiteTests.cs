using ModelCheck.Engine;
using static ModelCheck.Engine.MemoryOrder;
using static ModelCheck.Tests.Unit.Explore;

namespace ModelCheck.Tests.Unit.Memory;

/// <summary>
/// Access sites: every atomic access and fence names its call site without the model saying anything,
/// a census finds the sites an exploration reaches, a weakening changes exactly one of them, and a trace
/// found under a weakening replays under it.
/// </summary>
public sealed class AccessSiteTests
{
    // Message passing: the writer publishes data through a flag; the reader must not see the flag without the data.
    static readonly Scenario MessagePassing = Inline(async rt =>
    {
        var data = rt.NewCell("data", 0);
        var flag = rt.NewCell("flag", 0);
        var writer = rt.Spawn(async () =>
        {
            await data.Store(1, Relaxed);
            await flag.Store(1, Release);
        }, "writer");
        var reader = rt.Spawn(async () =>
        {
            if (await flag.Load(Acquire) == 1)
                rt.Assert(await data.Load(Relaxed) == 1, "the flag is set but the data is stale");
        }, "reader");
        await writer.Join();
        await reader.Join();
    }) with { Memory = MemoryModel.Ra, RaceDetection = false };

    static TestConfiguration Dfs(SiteOrders? orders) =>
        With(StrategyKind.Dfs) with { Execution = new ExecutionSettings { Memory = MemoryModel.Ra, RaceDetection = false, Orders = orders } };

    static IReadOnlyList<(AccessSite Site, IReadOnlyList<string> Cells)> Census(Scenario scenario)
    {
        var census = new SiteCensus();
        var report = Run(scenario, Dfs(census));
        Assert.True(report.Complete);
        return census.Sites();
    }

    [Fact]
    public void A_census_finds_each_atomic_site_with_its_source_line_member_and_cells()
    {
        var sites = Census(MessagePassing);
        Assert.Equal(4, sites.Count);
        Assert.All(sites, s => Assert.Equal("tests/Unit/Memory/AccessSiteTests.cs", s.Site.File));
        Assert.Equal([OpKind.Store, OpKind.Store, OpKind.Load, OpKind.Load], sites.Select(s => s.Site.Kind));
        Assert.Equal([Relaxed, Release, Acquire, Relaxed], sites.Select(s => s.Site.Declared));
        Assert.Equal(["data", "flag", "flag", "data"], sites.Select(s => s.Cells.Single()));
        // Lines in source order, the member that of the lambda's enclosing scope.
        Assert.True(sites.Select(s => s.Site.Line).SequenceEqual(sites.Select(s => s.Site.Line).Order()));
        var line = File.ReadAllLines(Path.Combine(Cli.Root, sites[1].Site.File))[sites[1].Site.Line - 1];
        Assert.Contains("flag.Store(1, Release)", line);
    }

    [Fact]
    public void Weakening_the_release_store_breaks_message_passing_and_only_that_site_changes()
    {
        Assert.Empty(Run(MessagePassing, Dfs(null)).Bugs);
        var release = Census(MessagePassing).Single(s => s.Site.Declared == Release).Site;
        var report = Run(MessagePassing, Dfs(new SiteWeakening(release, Relaxed)));
        Assert.Equal(BugKind.AssertionFailure, report.FirstBug().Kind);
        // Weakening a site with another declared order (the relaxed data store) changes nothing.
        var data = Census(MessagePassing).First(s => s.Site.Kind == OpKind.Store).Site;
        Assert.Empty(Run(MessagePassing, Dfs(new SiteWeakening(data with { Declared = Release }, Relaxed))).Bugs);
    }

    [Fact]
    public void A_trace_found_under_a_weakening_records_it_and_replays_under_it()
    {
        var acquire = Census(MessagePassing).Single(s => s.Site.Declared == Acquire).Site;
        var report = Run(MessagePassing, Dfs(new SiteWeakening(acquire, Relaxed)));
        var trace = TraceFile.Parse(TraceFile.From(report, report.Bugs[0]).ToJson(), "weakened.trace.json");
        var weakening = Assert.IsType<SiteWeakening>(trace.Settings.Orders);
        Assert.Equal(acquire, weakening.Site);
        Assert.Equal(Relaxed, weakening.Order);
        var replay = Replayer.Replay(MessagePassing, trace);
        Assert.True(replay.Reproduced, replay.Divergence);
        Assert.Contains($"weakened  {acquire.Location} ({acquire.Member} load) acquire -> relaxed\n", StepTable.Render(replay), StringComparison.Ordinal);
        Assert.Contains("load flag -> 1 (relaxed)", StepTable.Render(replay), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"operation\": \"lock\"", "'weakened.operation' must be an atomic access or fence")]
    [InlineData("\"order\": \"weak\"", "'weakened.order' is not a memory order")]
    [InlineData("\"line\": -1", "'weakened.line' must be at least 0")]
    public void A_malformed_weakening_is_one_error(string field, string message)
    {
        var report = Run(MessagePassing, Dfs(new SiteWeakening(Census(MessagePassing).Single(s => s.Site.Declared == Acquire).Site, Relaxed)));
        var json = TraceFile.From(report, report.Bugs[0]).ToJson();
        var name = field[1..field.IndexOf('"', 1)];
        var broken = System.Text.RegularExpressions.Regex.Replace(json, $"\"{name}\": [^,\\n]+", field);
        var e = Assert.Throws<TraceFormatException>(() => TraceFile.Parse(broken, "bad.trace.json"));
        Assert.Contains(message, e.Message);
    }

    [Theory]
    [InlineData(OpKind.Load, SeqCst, new[] { Acquire })]
    [InlineData(OpKind.Load, Acquire, new[] { Relaxed })]
    [InlineData(OpKind.Store, SeqCst, new[] { Release })]
    [InlineData(OpKind.Store, Release, new[] { Relaxed })]
    [InlineData(OpKind.CompareExchange, SeqCst, new[] { AcqRel })]
    [InlineData(OpKind.Exchange, AcqRel, new[] { Acquire, Release })]
    [InlineData(OpKind.FetchAdd, Release, new[] { Relaxed })]
    [InlineData(OpKind.Fence, SeqCst, new[] { AcqRel })]
    [InlineData(OpKind.Fence, Acquire, new[] { Relaxed })]
    [InlineData(OpKind.Load, Relaxed, new MemoryOrder[0])]
    public void The_ladder_steps_one_level_down(OpKind kind, MemoryOrder order, MemoryOrder[] weaker) =>
        Assert.Equal(weaker, OrderLadder.Weaker(kind, order));

    [Fact]
    public void Tso_differs_only_where_a_seq_cst_store_or_fence_becomes_weaker()
    {
        Assert.True(OrderLadder.DiffersUnderTso(OpKind.Store, SeqCst, Release));
        Assert.True(OrderLadder.DiffersUnderTso(OpKind.Fence, SeqCst, AcqRel));
        Assert.False(OrderLadder.DiffersUnderTso(OpKind.Store, Release, Relaxed));
        Assert.False(OrderLadder.DiffersUnderTso(OpKind.Load, SeqCst, Acquire));
        Assert.False(OrderLadder.DiffersUnderTso(OpKind.CompareExchange, SeqCst, AcqRel));
        Assert.Equal("removed", OrderLadder.Name(OpKind.Fence, Relaxed));
    }

    [Theory]
    [InlineData("/home/ci/build/src/Maps/ConcurrentHashMap/ConcurrentHashMap.cs", "src/Maps/ConcurrentHashMap/ConcurrentHashMap.cs")]
    [InlineData("C:\\agent\\work\\src\\Maps\\SyncMap\\SyncMap.cs", "src/Maps/SyncMap/SyncMap.cs")]
    [InlineData("/home/me/src/checkout/tests/Unit/X.cs", "tests/Unit/X.cs")]
    [InlineData("litmus/MP+rel+acq", "litmus/MP+rel+acq")]
    public void Source_paths_are_relative_to_the_repository(string compiled, string relative) =>
        Assert.Equal(relative, SourcePath.Relative(compiled));
}
