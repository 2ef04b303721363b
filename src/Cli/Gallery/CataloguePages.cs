using System.Text;
using ModelCheck.Engine;

namespace ModelCheck.Cli.Gallery;

/// <summary>The pages that present the catalogue: one per model and one per topic, each listing its seeded bugs and its passing scenarios.</summary>
static class CataloguePages
{
    public static string Model(GalleryModel model, IReadOnlyList<Scenario> scenarios, IReadOnlyList<SeededBug> bugs, IReadOnlyList<GalleryTopic> topics, DocsPages docs)
    {
        var page = $"models/{model.Group}.html";
        var body = new StringBuilder();
        if (model.Summary.Length > 0) body.Append("<p>").Append(GalleryPage.Encode(model.Summary)).Append("</p>\n");
        Chapters(body, page, model.Chapters, docs);
        var related = topics.Where(t => scenarios.Any(s => GallerySite.Gathers(t, s))).ToList();
        if (related.Count > 0)
            body.Append("<p>Topics: ").Append(string.Join(", ", related.Select(t => GalleryPage.Link(page, $"topics/{t.Slug}.html", t.Title)))).Append(".</p>\n");
        Listing(body, page, scenarios, bugs);
        return GalleryPage.Render(page, model.Title, body.ToString());
    }

    public static string Topic(GalleryTopic topic, IReadOnlyList<Scenario> scenarios, IReadOnlyList<SeededBug> bugs, DocsPages docs, OrdersPages orders)
    {
        var page = $"topics/{topic.Slug}.html";
        var body = new StringBuilder();
        body.Append("<p>").Append(GalleryPage.Encode(topic.Summary)).Append("</p>\n");
        Chapters(body, page, topic.Chapters, docs);
        if (topic.Litmus)
            body.Append("<p>The ").Append(GalleryPage.Link(page, "litmus.html", "litmus catalogue"))
                .Append(" shows the rule on the smallest programs: message passing (MP) with relaxed accesses is allowed under <code>ra</code> and forbidden once the flag is stored with release and loaded with acquire.</p>\n");
        if (topic.Litmus && orders.Tables.Count > 0)
            body.Append("<p>Which orders a whole model needs, each access weakened in turn: ")
                .Append(string.Join(", ", orders.Tables.Select(t => GalleryPage.Link(page, t.Page, t.Judged)))).Append(".</p>\n");
        Listing(body, page, scenarios.Where(s => GallerySite.Gathers(topic, s)).ToList(), bugs);
        return GalleryPage.Render(page, topic.Title, body.ToString());
    }

    static void Chapters(StringBuilder body, string page, IReadOnlyList<string> chapters, DocsPages docs)
    {
        if (chapters.Count == 0) return;
        body.Append("<p>Read on: ").Append(string.Join(", ", chapters.Select(c => GalleryPage.Link(page, DocsPages.PageOf(c), docs.Title(c))))).Append(".</p>\n");
    }

    // The seeded bugs first (each a card linking its page), then the scenarios that must pass.
    static void Listing(StringBuilder body, string page, IReadOnlyList<Scenario> scenarios, IReadOnlyList<SeededBug> bugs)
    {
        var seeded = bugs.Where(b => scenarios.Contains(b.Scenario)).ToList();
        if (seeded.Count > 0)
        {
            body.Append("<h2>Seeded bugs</h2>\n");
            foreach (var bug in seeded)
                body.Append("<div class=\"card\"><h3>").Append(GalleryPage.Link(page, bug.Page, bug.Scenario.Name)).Append(" <span class=\"kind\">")
                    .Append(GalleryPage.Encode(bug.Scenario.ExpectedName)).Append("</span></h3>\n<p>").Append(GalleryPage.Encode(bug.Scenario.Description))
                    .Append("</p>\n<p>").Append(GalleryPage.Encode(bug.CaughtBy())).Append("</p></div>\n");
        }
        var passing = scenarios.Where(s => s.Expected == BugKind.None).ToList();
        if (passing.Count > 0)
        {
            body.Append("<h2>Scenarios that must pass</h2>\n<table>\n<tr><th>scenario</th><th>what it shows</th></tr>\n");
            foreach (var s in passing)
                body.Append("<tr><td><code>").Append(GalleryPage.Encode(s.Name)).Append("</code></td><td>").Append(GalleryPage.Encode(s.Description)).Append("</td></tr>\n");
            body.Append("</table>\n");
        }
    }
}
