using System.Text;
using System.Text.RegularExpressions;
using ModelCheck.Engine;

namespace ModelCheck.Tests.Snapshots;

/// <summary>
/// Under tso and ra the HTML report draws which store each load read (rf), each location's modification
/// order (mo) and the stores a load missed (fr), and its slider draws the store buffers (tso) or the
/// modification orders with each task's view (ra). Every reads-from the step table names is an arrow of
/// the page as Chromium builds it, and the edges and memory drawings have a text form kept as snapshots.
/// </summary>
public sealed partial class WeakMemoryReportTests
{
    /// <summary>The committed traces recorded under tso or ra.</summary>
    public static TheoryData<string> WeakTraces() =>
        new(Repository.CommittedTraces().Where(f => Repository.ReadTrace(f).Settings.Memory != MemoryModel.Sc));

    /// <summary>Three small stories, one page each in the browser: a stale read under ra, a published read under ra and tso.</summary>
    public static TheoryData<string> Pages() =>
        new("memory_racy-publication-ra-stale.min.trace.json", "memory_racy-publication-tso.min.trace.json", "gomap_cow_relaxed-publish-ra.min.trace.json");

    static ReplayResult Replay(string file)
    {
        var trace = Repository.ReadTrace(file);
        return Replayer.Replay(Repository.ScenarioOf(trace), trace);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_reads_from_the_step_table_names_is_an_arrow_in_the_page(string file)
    {
        var replay = Replay(file);
        var names = replay.Recording.TaskNames;
        var named = NamedReadsFrom(replay).ToList();
        Assert.NotEmpty(named);
        var (dom, _) = BrowserPage.Load(HtmlReport.Render(replay), "weak-" + file[..^".min.trace.json".Length]);
        Assert.Contains("data-ready=\"yes\"", dom);
        Assert.DoesNotMatch(BrowserPage.ScriptError(), dom);
        foreach (var (from, to) in named)
            Assert.Contains($"<path class=\"edge rf\" data-from=\"{from}\" data-to=\"{to}\"", dom);
        // The slider starts at the last step: the memory view is drawn there, not printed.
        Assert.Matches("<div class=\"drawing-holder\" data-drawing=\"memory\"><svg class=\"drawing\"", dom);
        Assert.Contains(replay.Trace.Settings.Memory == MemoryModel.Tso ? "data-panel=\"buffers\"" : "data-panel=\"modification-order\"", dom);
    }

    [Fact]
    public void The_stale_read_is_explained_by_a_from_read_arrow_to_the_store_it_missed()
    {
        // The reader saw the flag (rf 4 -> 6, relaxed: no happens-before) and then the initial data: its load
        // at step 7 missed the writer's store of 42 at step 3, which the view drawing shows it had not seen.
        var replay = Replay("memory_racy-publication-ra-stale.min.trace.json");
        var html = HtmlReport.Render(replay);
        Assert.Contains("<path class=\"edge rf\" data-from=\"4\" data-to=\"6\"", html);
        Assert.Contains("<path class=\"edge fr\" data-from=\"7\" data-to=\"3\"", html);
        Assert.Contains("<title>step 7 read a value that the store of step 3 overwrites: it missed that store</title>", html);
        Assert.DoesNotContain("<path class=\"edge hb\"", html);
        var memory = replay.Recording.Snapshots.Last(s => s.View == "memory");
        Assert.Contains("data: data [0 (initial) {main, reader} | 42 (writer, step 3) {writer}]", memory.Text);
    }

    [Theory]
    [MemberData(nameof(WeakTraces))]
    public void Edges_and_memory_drawing(string file)
    {
        var replay = Replay(file);
        this.Verify(TextForm(replay), parameter: file[..^".min.trace.json".Length]);
    }

    /// <summary>The picture without pixels: every edge of the lanes, and the memory drawing at the last step (the bug's, or the outcome's).</summary>
    internal static string TextForm(ReplayResult replay)
    {
        var names = replay.Recording.TaskNames;
        var text = new StringBuilder("edges (rf reads from, hb happens before, mo modification order, fr from-read):\n");
        foreach (var edge in TraceEdges.Of(replay))
            text.Append($"  {Short(edge.Kind)} {edge.FromStep} {names[edge.FromTask]} -> {edge.ToStep} {names[edge.ToTask]}\n");
        var memory = replay.Recording.Snapshots.Last(s => s.View == "memory" && s.Step <= replay.Trace.Bug.Step);
        Assert.NotNull(memory.Drawing);
        Assert.Equal(memory.Drawing.ToText(), memory.Text);
        return text.Append($"memory as drawn at step {replay.Trace.Bug.Step} (last changed at step {memory.Step}):\n").Append(memory.Text).ToString();
    }

    static string Short(EdgeKind kind) => kind switch
    {
        EdgeKind.ReadsFrom => "rf",
        EdgeKind.HappensBefore => "hb",
        EdgeKind.ModificationOrder => "mo",
        _ => "fr",
    };

    /// <summary>(store step, load step) for every row of the step table that says a load of one task read another task's store.</summary>
    internal static IEnumerable<(int From, int To)> NamedReadsFrom(ReplayResult replay)
    {
        var names = replay.Recording.TaskNames;
        foreach (var e in replay.Recording.Events)
        {
            var match = ReadsStore().Match(e.Text);
            if (match.Success && match.Groups[1].Value != names[e.Task]) yield return (int.Parse(match.Groups[2].Value), e.Step);
        }
    }

    [GeneratedRegex(@"reads (?:memory: )?(\S+)'s store at step (\d+)")]
    private static partial Regex ReadsStore();
}
