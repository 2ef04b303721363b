using System.Text.RegularExpressions;
using ModelCheck.Engine;

namespace ModelCheck.Tests.Snapshots;

/// <summary>
/// The HTML report is one self-contained page that a real browser loads without script errors and
/// shows as swimlanes. Chromium is required: when it is missing this fails rather than skips
/// (scripts/test.sh, which CI runs, installs it). Screenshots are kept in TestResults/html-reports/ as artifacts.
/// </summary>
public sealed partial class HtmlReportTests
{
    /// <summary>One engine bug, and the first committed map bug (neither engine/ nor memory/) when there is one.</summary>
    public static TheoryData<string> Reports()
    {
        var traces = Repository.CommittedTraces();
        var chosen = traces.Where(t => t.StartsWith("engine_racy-counter.", StringComparison.Ordinal))
            .Concat(traces.Where(t => !t.StartsWith("engine_", StringComparison.Ordinal) && !t.StartsWith("memory_", StringComparison.Ordinal)).Take(1));
        return new(chosen);
    }

    static (ReplayResult Replay, string Html) Render(string file)
    {
        var trace = Repository.ReadTrace(file);
        var replay = Replayer.Replay(Repository.ScenarioOf(trace), trace);
        return (replay, HtmlReport.Render(replay));
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Report_is_self_contained_and_a_function_of_the_trace(string file)
    {
        var (_, html) = Render(file);
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.Equal(html, Render(file).Html);
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void Report_loads_in_headless_chromium_without_script_errors_and_shows_the_swimlanes(string file)
    {
        var (replay, html) = Render(file);
        var name = file[..^".trace.json".Length];
        var (dom, url) = BrowserPage.Load(html, name);
        Assert.Contains("data-ready=\"yes\"", dom);
        Assert.DoesNotMatch(BrowserPage.ScriptError(), dom);
        Assert.Equal(replay.Recording.TaskNames.Count, LaneElement().Matches(dom).Count);
        Assert.Contains("class=\"box bug", dom);

        var screenshot = Path.Combine(BrowserPage.Artifacts, name + ".png");
        File.Delete(screenshot);
        Chromium.Run(BrowserPage.Browser(), "--hide-scrollbars", "--window-size=1280,1600", $"--screenshot={screenshot}", url);
        Assert.True(new FileInfo(screenshot).Length > 1000, $"no screenshot written to {screenshot}");
    }

    [Fact]
    public void A_script_error_in_a_report_is_caught_by_the_sentinel()
    {
        var (_, html) = Render(Repository.CommittedTraces()[0]);
        var broken = html.Replace("document.body.setAttribute('data-ready', 'yes');", "undefinedFunction(); document.body.setAttribute('data-ready', 'yes');");
        Assert.NotEqual(html, broken);
        var (dom, _) = BrowserPage.Load(broken, "broken-report");
        Assert.Matches(BrowserPage.ScriptError(), dom);
        Assert.DoesNotContain("data-ready=\"yes\"", dom);
    }

    [Fact]
    public void A_multi_line_bug_message_keeps_its_lines_and_the_page_leads_to_the_bug()
    {
        // A not-linearizable bug's message is a witness table: one paragraph would lose its columns.
        var (replay, html) = Render("syncmap_S-1.min.trace.json");
        Assert.Contains('\n', replay.Trace.Bug.Message);
        var table = Regex.Match(html, "<pre class=\"message\">([^<]*)</pre>");
        Assert.True(table.Success, "the bug message is not a <pre>");
        Assert.EndsWith(System.Net.WebUtility.HtmlEncode(replay.Trace.Bug.Message), table.Groups[1].Value);
        Assert.Contains("task  operation", table.Groups[1].Value);
        Assert.Contains($"<a id=\"go-to-bug\" href=\"#bug-step\">go to the bug (step {replay.Trace.Bug.Step})</a>", html);
        Assert.Single(Regex.Matches(html, "id=\"bug-step\""));
        Assert.Matches($"<div class=\"box bug[^\"]*\" id=\"bug-step\" data-step=\"{replay.Trace.Bug.Step}\"", html);
        Assert.Contains("bug.scrollIntoView", html);
    }

    [Fact]
    public void A_long_operation_text_wraps_in_a_box_tall_enough_for_it()
    {
        var (replay, html) = Render("syncmap_S-1.min.trace.json");
        Assert.Contains(".box .op { white-space: pre-wrap; overflow-wrap: anywhere; }", html);
        Assert.DoesNotContain("text-overflow: ellipsis", html);
        // Every box is at least as tall as its lines need once wrapped at the lane's width.
        foreach (Match box in Regex.Matches(html, "<div class=\"box[^\"]*\"[^>]*width:(\\d+)px;height:(\\d+)px\">(.*?)</div>(?=<div class=\"box|\\n)"))
        {
            int width = int.Parse(box.Groups[1].Value), height = int.Parse(box.Groups[2].Value);
            var lines = Regex.Matches(box.Groups[3].Value, "<div class=\"op\" title=\"([^\"]*)\">").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value));
            int needed = lines.Sum(l => Math.Max(1, (int)Math.Ceiling(l.Length / Math.Floor((width - 40) / 7.3)))) * 16 + 12;
            Assert.True(height >= needed, $"box {width}x{height} holds {string.Join(" | ", lines)}");
        }
        Assert.NotEmpty(replay.Recording.Events);
    }

    [GeneratedRegex("""(src|href)\s*=\s*"(https?:)?//|<link\b|@import|url\(\s*['"]?https?:""")]
    private static partial Regex ExternalReference();

    [GeneratedRegex("""<div class="lane" data-task=""")]
    private static partial Regex LaneElement();
}
