using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using ModelCheck.Engine;
using ModelCheck.Models.Litmus;

namespace ModelCheck.Cli.Gallery;

/// <summary>
/// The committed `modelcheck orders` tables (tests/Snapshots/OrdersTests.Table_NAME.verified.txt, their
/// traces under tests/Snapshots/Orders/NAME/) as pages: each table as the command printed it, every trace it
/// names replayed and drawn as an HTML report and linked from its row. A repository without tables gives none.
/// </summary>
sealed partial class OrdersPages
{
    const string TablesPath = "tests/Snapshots";

    /// <summary>A committed table: its name (cow, litmus, chm, ...) and its text.</summary>
    public sealed record Table(string Name, string Text)
    {
        public string Page => $"orders/{Name}.html";

        /// <summary>The first line's patterns: what the table judged.</summary>
        public string Judged => Text.Split('\n')[0]["orders".Length..].Trim();

        /// <summary>The last line: how many sites are necessary, redundant, relaxed already.</summary>
        public string Summary => Text.TrimEnd('\n').Split('\n')[^1];
    }

    public IReadOnlyList<Table> Tables { get; }

    readonly List<(string Page, string Html)> pages = [];

    OrdersPages(IReadOnlyList<Table> tables) => Tables = tables;

    public static OrdersPages Load(string repository, ScenarioCatalog catalog, DocsPages docs)
    {
        var directory = Path.Combine(repository, TablesPath);
        var tables = !Directory.Exists(directory) ? [] : Directory.GetFiles(directory, "OrdersTests.Table_*.verified.txt")
            .Order(StringComparer.Ordinal)
            .Select(f => new Table(Path.GetFileName(f)["OrdersTests.Table_".Length..^".verified.txt".Length], File.ReadAllText(f).ReplaceLineEndings("\n")))
            .ToList();
        var site = new OrdersPages(tables);
        if (tables.Count == 0) return site;
        foreach (var table in tables)
        {
            var html = new StringBuilder();
            html.Append("<p>Every atomic access and fence of ").Append(WebUtility.HtmlEncode(table.Judged))
                .Append(" weakened one step at a time, and the scenarios run again: a <em>necessary</em> order breaks a scenario when weakened (the row names the trace of what breaks, drawn here); ")
                .Append("a <em>redundant</em> one is stronger than these scenarios need, which fewer scenarios prove less. ");
            if (docs.Chapters.Contains("docs/orders.md"))
                html.Append(GalleryPage.Link(table.Page, DocsPages.PageOf("docs/orders.md"), docs.Title("docs/orders.md"))).Append(" explains the method and how to read the table. ");
            html.Append("The table is committed as <code>").Append(WebUtility.HtmlEncode($"{TablesPath}/OrdersTests.Table_{table.Name}.verified.txt")).Append("</code>.</p>\n<pre>");
            int at = 0;
            foreach (Match m in TracePath().Matches(table.Text))
            {
                html.Append(WebUtility.HtmlEncode(table.Text[at..m.Index]));
                var report = $"reports/orders-{table.Name}-{Path.GetFileName(m.Value)[..^".min.trace.json".Length]}.html";
                html.Append(GalleryPage.Link(table.Page, report, m.Value));
                if (!site.pages.Any(p => p.Page == report)) site.pages.Add((report, Report(repository, m.Value, catalog)));
                at = m.Index + m.Length;
            }
            html.Append(WebUtility.HtmlEncode(table.Text[at..])).Append("</pre>\n");
            site.pages.Add((table.Page, GalleryPage.Render(table.Page, $"Which orders are needed: {table.Name}", html.ToString())));
        }
        return site;
    }

    public IEnumerable<(string Page, string Html)> Pages() => pages;

    static string Report(string repository, string tracePath, ScenarioCatalog catalog)
    {
        TraceFile trace;
        try { trace = TraceFile.Read(Path.Combine(repository, tracePath)); }
        catch (Exception e) when (e is TraceFormatException or IOException) { throw new UsageException($"gallery: {tracePath}: {e.Message}"); }
        var scenario = catalog.Find(trace.Scenario) ?? LitmusScenario(trace)
            ?? throw new UsageException($"gallery: {tracePath}: its scenario {trace.Scenario} does not exist");
        var replay = Replayer.Replay(scenario, trace);
        if (!replay.Reproduced) throw new UsageException($"gallery: {tracePath} no longer reproduces its bug: {replay.Divergence}");
        return HtmlReport.Render(replay);
    }

    // The orders tables judge litmus tests too: a trace of one names "litmus/NAME", the test as a scenario
    // that fails when the condition's outcome happens (what the orders verb judges it by).
    static Scenario? LitmusScenario(TraceFile trace) =>
        trace.Scenario.StartsWith("litmus/", StringComparison.Ordinal) && LitmusCatalogue.Find(trace.Scenario["litmus/".Length..]) is { } test
            ? LitmusExplorer.ScenarioFor(test, trace.Settings.Memory, null, failWhenSatisfied: true) with { Expected = BugKind.None }
            : null;

    [GeneratedRegex(@"tests/Snapshots/Orders/\S+\.min\.trace\.json")]
    private static partial Regex TracePath();
}
