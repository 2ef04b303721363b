using System.Net;
using ModelCheck.Engine;

namespace ModelCheck.Tests.Snapshots;

/// <summary>
/// The map models draw their state for the HTML report's slider: boxes with slots, coloured when
/// evacuated, forwarded, expunged or dead, arrows from old buckets to their X/Y destinations and from
/// forwarding nodes to the next table, the iterator's slot. Each picture's text form, at a step that
/// tells the story, is a snapshot; every arrow and box of it is in the SVG, and Chromium shows it.
/// </summary>
public sealed class StateDrawingTests
{
    /// <summary>A committed trace, its view, and the step to draw (0: the bug's).</summary>
    public static TheoryData<string, string, int> Stories() => new()
    {
        // The iterator yields b from old bucket 2, which is not evacuated; 0 and 1 are, to new buckets 0, 4 and 1, 5.
        { "gomap_bug_g3-iterator-without-filter_reduced.min.trace.json", "m", 0 },
        // T4's bins are all forwarding nodes to T8, and transferIndex went back up to 2.
        { "chm_J-1a.min.trace.json", "map", 0 },
        // k1's entry is expunged in read.m while dirty leaves it out.
        { "syncmap_S-2_invariants.min.trace.json", "sync.Map", 0 },
        { "swissmap_bug_w2-skip-by-installed-depth_reduced.min.trace.json", "m", 0 },
        // W-1: the iterator yields x3 = 10 from m.t0, a table the split replaced (its slot marked), while the live m.t2 holds 4242.
        { "swissmap_bug_w1-iterator-skips-relookup_reduced.min.trace.json", "m", 0 },
        // H-2: i3 is marked dead while both locks are held, before i0[3] unlinks it.
        { "hashtriemap_H-2.min.trace.json", "trie", 49 },
    };

    static ReplayResult Replay(string file)
    {
        var trace = Repository.ReadTrace(file);
        return Replayer.Replay(Repository.ScenarioOf(trace), trace);
    }

    static StateSnapshot At(ReplayResult replay, string view, int step) =>
        replay.Recording.Snapshots.Last(s => s.View == view && s.Step <= (step == 0 ? replay.Trace.Bug.Step : step));

    [Theory]
    [MemberData(nameof(Stories))]
    public void Drawing_as_text(string file, string view, int step)
    {
        var snapshot = At(Replay(file), view, step);
        Assert.NotNull(snapshot.Drawing);
        this.Verify($"step {snapshot.Step}, view {view}\n{snapshot.Drawing.ToText()}", parameter: file[..^".min.trace.json".Length]);
    }

    [Theory]
    [MemberData(nameof(Stories))]
    public void Every_box_and_arrow_of_the_drawing_is_in_its_svg(string file, string view, int step)
    {
        var drawing = At(Replay(file), view, step).Drawing!;
        var svg = StateDrawingSvg.Render(drawing);
        Assert.Equal(svg, StateDrawingSvg.Render(drawing));
        foreach (var box in drawing.Panels.SelectMany(p => p.Rows).SelectMany(r => r.Boxes))
            Assert.Contains($"<g class=\"box tone-{box.Tone.ToString().ToLowerInvariant()}\" data-box=\"{WebUtility.HtmlEncode(box.Id)}\">", svg);
        foreach (var arrow in drawing.Arrows)
            Assert.Contains($"<path class=\"arrow tone-{arrow.Tone.ToString().ToLowerInvariant()}\" data-from=\"{WebUtility.HtmlEncode(arrow.From)}\" data-to=\"{WebUtility.HtmlEncode(arrow.To)}\"", svg);
    }

    [Fact]
    public void The_report_draws_the_state_and_keeps_its_text()
    {
        var replay = Replay("gomap_bug_g3-iterator-without-filter_reduced.min.trace.json");
        var (dom, _) = BrowserPage.Load(HtmlReport.Render(replay), "drawing-gomap-g3");
        Assert.Contains("data-ready=\"yes\"", dom);
        Assert.DoesNotMatch(BrowserPage.ScriptError(), dom);
        // The slider opens at the last step: the picture of the map there, and its text one click away.
        Assert.Contains("<div class=\"drawing-holder\" data-drawing=\"m\"><svg class=\"drawing\"", dom);
        Assert.Contains("<path class=\"arrow tone-evacuated\" data-from=\"oldbuckets[0]\" data-to=\"buckets[4]\"", dom);
        Assert.Contains("<path class=\"arrow tone-empty\" data-from=\"oldbuckets[2]\" data-to=\"buckets[2]\"", dom);
        Assert.Contains("<g class=\"box tone-evacuated\" data-box=\"oldbuckets[1]\">", dom);
        Assert.Contains("^ it1", dom);
        Assert.Contains(WebUtility.HtmlEncode(At(replay, "m", 0).Text.Split('\n')[0]), dom);
    }
}
