namespace ModelCheck.Tests.Unit;

/// <summary>
/// `modelcheck orders`: its verdicts on small programs whose answer is known, the same bytes twice, and
/// one error line (exit 2) for input with nothing to judge.
/// </summary>
public sealed class OrdersCommandTests : IDisposable
{
    static readonly string Config = Cli.RepositoryConfiguration;
    readonly string outdir = Directory.CreateTempSubdirectory("orders-").FullName;

    public void Dispose() => Directory.Delete(outdir, recursive: true);

    Cli.Outcome Orders(params string[] args) => Cli.Run(["orders", .. args, "--config", Config, "--outdir", outdir, "--no-progress"]);

    [Fact]
    public void Message_passing_needs_its_release_and_its_acquire_and_the_seq_cst_variant_needs_less()
    {
        var run = Orders("litmus/MP+rel+acq", "litmus/MP+sc");
        Assert.True(run.Exit == 0, run.ToString());
        var lines = run.Out.Split('\n');
        string Row(string site, string access) => lines.Single(l => l.StartsWith(site + " ", StringComparison.Ordinal) && l.Contains(access, StringComparison.Ordinal));
        Assert.Matches(@"P0\[1\] store y\s+release\s+release\s+necessary$", Row("litmus/MP+rel+acq", "P0[1] store y"));
        Assert.Matches(@"P1\[0\] load y\s+acquire\s+acquire\s+necessary$", Row("litmus/MP+rel+acq", "P1[0] load y"));
        Assert.Matches(@"P0\[1\] store y\s+seq_cst\s+relaxed\s+redundant$", Row("litmus/MP+sc", "P0[1] store y"));
        // Each necessary order's weakening names the scenario, the bug and a trace that replays it.
        var broke = lines.First(l => l.Contains("relaxed under ra: breaks litmus/MP+rel+acq: monitor, trace ", StringComparison.Ordinal));
        var trace = broke[(broke.IndexOf(", trace ", StringComparison.Ordinal) + ", trace ".Length)..];
        Assert.True(File.Exists(trace), trace);
        var replay = Cli.Run("replay", trace);
        Assert.True(replay.Exit == 0, replay.ToString());
        Assert.Contains("satisfies exists (r0==1 && r1==0)", replay.Out);
        // A step that passes under ra needs no x86 run: x86 allows nothing release/acquire forbids.
        Assert.DoesNotContain(" under tso: ", run.Out);
        Assert.Contains("Redundant means only that no scenario run here needs the declared order", run.Out);
    }

    [Fact]
    public void A_seq_cst_fence_that_store_buffering_needs_under_ra_is_run_under_tso_too()
    {
        var run = Orders("litmus/SB+fences");
        Assert.True(run.Exit == 0, run.ToString());
        Assert.Matches(@"litmus/SB\+fences\s+P0\[1\] fence\s+seq_cst\s+seq_cst\s+necessary", run.Out);
        // An acq_rel fence is no mfence: x86 shows the same store buffering.
        Assert.Contains("acq_rel under tso: breaks litmus/SB+fences: monitor, trace ", run.Out);
        Assert.Contains("litmus/SB+fences  tso     pass                    2000  sampled (random)", run.Out);
    }

    [Fact]
    public void A_publication_flag_weakened_to_relaxed_races_and_the_output_is_the_same_twice()
    {
        var first = Orders("memory/release-acquire-publication-sc");
        var second = Orders("memory/release-acquire-publication-sc");
        Assert.True(first.Exit == 0, first.ToString());
        Assert.Equal(first.Out, second.Out);
        Assert.Matches(@"src/Maps/Basics/Publication\.cs:\d+\s+Publish store flag\s+release\s+release\s+necessary", first.Out);
        Assert.Contains("relaxed under ra: breaks memory/release-acquire-publication-sc: data-race, trace ", first.Out);
        Assert.Contains("2 sites: 2 necessary, 0 redundant under these scenarios.", first.Out);
    }

    // Input with nothing to judge: no pattern, a pattern that matches nothing, scenarios with no atomic
    // site, and seeded bugs alone (orders judges scenarios that must pass).
    [Theory]
    [InlineData(null, "modelcheck: orders: give one or more scenario patterns")]
    [InlineData("chm/no-such-scenario", "modelcheck: no scenario matches 'chm/no-such-scenario' (see 'modelcheck list')")]
    [InlineData("engine/mutex-counter", "modelcheck: orders: the scenarios matching engine/mutex-counter reach no atomic access or fence: nothing to weaken")]
    [InlineData("engine/racy-counter", "matches only seeded bugs")]
    public void Input_with_nothing_to_judge_is_one_error_line(string? pattern, string error)
    {
        var run = pattern is null ? Orders() : Orders(pattern);
        Assert.Equal(2, run.Exit);
        Assert.Contains(error, Assert.Single(run.ErrLines));
        Assert.Empty(run.Out);
    }
}
