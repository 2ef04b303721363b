using System.Text;
using ModelCheck.Engine;

namespace ModelCheck.Cli.Gallery;

/// <summary>
/// The gallery: a static site of plain HTML pages (no network, no external resources; the only scripts are
/// the trace reports' own), built from the scenario catalogue, the committed minimised traces of the seeded
/// bugs, the litmus catalogue and the docs. A pure function of those: the same inputs give the same bytes.
/// </summary>
public static class GallerySite
{
    /// <summary>Where the committed minimised traces live, relative to the repository.</summary>
    public const string TracesPath = "tests/Snapshots/Traces";

    /// <summary>Every page of the site: its path ('/' separated) and its text, in ordinal order of path.</summary>
    public static IReadOnlyList<(string Path, string Html)> Build(ScenarioCatalog catalog, string repository)
    {
        var docs = DocsPages.Load(repository);
        var bugs = SeededBug.Load(catalog, repository);
        var orders = OrdersPages.Load(repository, catalog, docs);
        var topics = GalleryContent.Topics;
        var models = catalog.All.Select(GalleryContent.GroupOf).Distinct().Select(GalleryContent.ModelOf).ToList();
        // Known models in the order the gallery presents them, then any other group in name order.
        models = models.OrderBy(m => GalleryContent.Models.ToList().FindIndex(k => k.Group == m.Group) is var i && i >= 0 ? i : int.MaxValue)
            .ThenBy(m => m.Group, StringComparer.Ordinal).ToList();

        var pages = new SortedDictionary<string, string>(StringComparer.Ordinal);
        pages["index.html"] = Index(catalog, bugs, models, topics, docs, orders);
        foreach (var model in models)
            pages[$"models/{model.Group}.html"] = CataloguePages.Model(model, catalog.All.Where(s => GalleryContent.GroupOf(s) == model.Group).ToList(), bugs, topics, docs);
        foreach (var topic in topics)
            pages[$"topics/{topic.Slug}.html"] = CataloguePages.Topic(topic, catalog.All, bugs, docs, orders);
        foreach (var bug in bugs)
        {
            pages[bug.Page] = bug.Render(topics);
            pages[bug.Report] = HtmlReport.Render(bug.Replay);
        }
        foreach (var (page, html) in LitmusPage.Build()) pages[page] = html;
        foreach (var (page, html) in orders.Pages()) pages[page] = html;
        foreach (var (page, html) in docs.Pages()) pages[page] = html;
        return pages.Select(p => (p.Key, p.Value)).ToList();
    }

    /// <summary>True when <paramref name="topic"/> gathers <paramref name="scenario"/>: one of its patterns matches the name.</summary>
    public static bool Gathers(GalleryTopic topic, Scenario scenario) =>
        topic.Patterns.Any(p => ScenarioCatalog.Matches(p, scenario.Name));

    static string Index(ScenarioCatalog catalog, IReadOnlyList<SeededBug> bugs, IReadOnlyList<GalleryModel> models, IReadOnlyList<GalleryTopic> topics, DocsPages docs, OrdersPages orders)
    {
        const string page = "index.html";
        var body = new StringBuilder();
        body.Append("<p>ModelCheck explores every interleaving of small concurrent programs over models of hash maps (Go's classic and Swiss maps, sync.Map in both its forms, ")
            .Append("Java's ConcurrentHashMap) and, under weak memory models, every value a load may see. Each model carries seeded bugs: single edits of the algorithm that ")
            .Append("the checker finds. This gallery shows each one as its minimised trace, says what went wrong and which check caught it, and gathers them by the ")
            .Append("questions people ask about maps. It was built by <code>modelcheck gallery DIR</code> from the repository root; ")
            .Append(GalleryPage.Link(page, "readme.html", "the documentation")).Append(" explains the tool.</p>\n");
        body.Append($"<p>{catalog.All.Count} scenarios, {bugs.Count} of them seeded bugs; {Models.Litmus.LitmusCatalogue.All.Count} litmus tests.</p>\n");
        body.Append("<h2 id=\"topics\">Topics</h2>\n");
        foreach (var topic in topics)
        {
            int count = bugs.Count(b => Gathers(topic, b.Scenario));
            body.Append("<div class=\"card\"><h3>").Append(GalleryPage.Link(page, $"topics/{topic.Slug}.html", topic.Title)).Append("</h3><p>")
                .Append(GalleryPage.Encode(topic.Summary)).Append("</p><p class=\"note\">").Append(count).Append(count == 1 ? " seeded bug" : " seeded bugs").Append(".</p></div>\n");
        }
        body.Append("<h2 id=\"models\">Models</h2>\n<table>\n<tr><th>model</th><th>scenarios</th><th>seeded bugs</th><th>chapter</th></tr>\n");
        foreach (var model in models)
        {
            var scenarios = catalog.All.Count(s => GalleryContent.GroupOf(s) == model.Group);
            body.Append("<tr><td>").Append(GalleryPage.Link(page, $"models/{model.Group}.html", model.Title)).Append(" (<code>").Append(GalleryPage.Encode(model.Group))
                .Append("/...</code>)</td><td>").Append(scenarios).Append("</td><td>").Append(bugs.Count(b => GalleryContent.GroupOf(b.Scenario) == model.Group)).Append("</td><td>")
                .Append(string.Join(", ", model.Chapters.Select(c => GalleryPage.Link(page, DocsPages.PageOf(c), docs.Title(c))))).Append("</td></tr>\n");
        }
        body.Append("</table>\n<h2 id=\"litmus\">Litmus tests</h2>\n<p>")
            .Append(GalleryPage.Link(page, LitmusPage.Path, "The litmus catalogue")).Append(": the standard shapes (message passing, store buffering, load buffering, IRIW, ...) with the outcomes each memory model allows, and drawings of the executions only a weak model allows.</p>\n");
        if (orders.Tables.Count > 0)
        {
            body.Append("<h2 id=\"orders\">Which memory orders are needed</h2>\n<p>The committed tables of <code>modelcheck orders</code>: each atomic access and fence weakened in turn, and what breaks.</p>\n<ul>\n");
            foreach (var table in orders.Tables)
                body.Append("<li>").Append(GalleryPage.Link(page, table.Page, table.Judged)).Append(": ").Append(GalleryPage.Encode(table.Summary)).Append("</li>\n");
            body.Append("</ul>\n");
        }
        body.Append("<h2 id=\"docs\">Documentation</h2>\n<ul>\n");
        foreach (var chapter in docs.Chapters)
            body.Append("<li>").Append(GalleryPage.Link(page, DocsPages.PageOf(chapter), docs.Title(chapter))).Append("</li>\n");
        body.Append("</ul>\n");
        return GalleryPage.Render(page, "ModelCheck gallery", body.ToString());
    }
}
