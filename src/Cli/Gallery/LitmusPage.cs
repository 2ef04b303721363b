using System.Text;
using ModelCheck.Engine;
using ModelCheck.Models.Litmus;

namespace ModelCheck.Cli.Gallery;

/// <summary>
/// The litmus catalogue as one page: each test's program, its condition, where its published verdicts come
/// from and why, and the outcomes every memory model allows, from a complete exploration. Where a weak model
/// allows what sequential consistency forbids, one execution that does it is drawn as an HTML report.
/// </summary>
static class LitmusPage
{
    public const string Path = "litmus.html";

    /// <summary>The page, and the reports of the weak-memory executions it links.</summary>
    public static IEnumerable<(string Page, string Html)> Build()
    {
        var body = new StringBuilder();
        var reports = new List<(string, string)>();
        body.Append("<p>Each test is a few threads of loads, stores and fences and a condition on what they read. It is explored completely under each memory model: ")
            .Append("<code>sc</code> (one global order), <code>tso</code> (x86-TSO: each thread's stores wait in a FIFO buffer) and <code>ra</code> (RC11 release/acquire: ")
            .Append("a load may read any store its view has not passed). <em>Allowed</em> means some execution satisfies the condition; <em>forbidden</em> that none does. ")
            .Append("From the repository root, <code>modelcheck litmus --catalogue</code> prints the same figures.</p>\n<p>")
            .Append(string.Join(" · ", LitmusCatalogue.All.Select(t => $"<a href=\"#{Id(t)}\">{GalleryPage.Encode(t.Name)}</a>"))).Append("</p>\n");
        foreach (var test in LitmusCatalogue.All)
        {
            body.Append("<h2 id=\"").Append(Id(test)).Append("\">").Append(GalleryPage.Encode(test.Name)).Append("</h2>\n");
            Program(body, test);
            body.Append("<p>Condition: <code>exists (").Append(GalleryPage.Encode(test.ConditionText)).Append(")</code></p>\n");
            if (test.Source is { } source) body.Append("<p class=\"note\">").Append(GalleryPage.Encode(source)).Append("</p>\n");
            var results = Enum.GetValues<MemoryModel>().Select(m => LitmusExplorer.Run(test, m)).ToList();
            bool allowedUnderSc = results.Any(r => r.Memory == MemoryModel.Sc && r.Verdict == LitmusVerdict.Allowed);
            body.Append("<table>\n<tr><th>memory</th><th>verdict</th><th>published</th><th>executions</th><th>outcomes (count)</th><th>how</th></tr>\n");
            foreach (var r in results)
            {
                body.Append("<tr><td><code>").Append(r.Memory.ToName()).Append("</code></td><td>").Append(r.Verdict.ToName()).Append("</td><td>")
                    .Append(r.Expected?.ToName() ?? "").Append("</td><td>").Append(r.Executions).Append(r.Complete ? ", complete" : ", incomplete").Append("</td><td>");
                body.Append(string.Join("<br>", r.Outcomes.Select(o => (o.Satisfies ? "<strong>" : "") + GalleryPage.Encode($"{o.Text} ({o.Count})") + (o.Satisfies ? "</strong>" : ""))));
                body.Append("</td><td>");
                // The interesting witnesses: what a weak model allows and sequential consistency does not.
                if (r.Verdict == LitmusVerdict.Allowed && !allowedUnderSc && LitmusExplorer.Explain(test, r.Memory) is { } replay)
                {
                    var report = $"reports/litmus-{test.Name.Replace('+', '_')}-{r.Memory.ToName()}.html";
                    reports.Add((report, Commands.LitmusCommand.Page(r, replay)));
                    body.Append(GalleryPage.Link(Path, report, "one execution that does it"));
                }
                body.Append("</td></tr>\n");
            }
            body.Append("</table>\n");
        }
        yield return (Path, GalleryPage.Render(Path, "Litmus tests", body.ToString()));
        foreach (var report in reports) yield return report;
    }

    static string Id(LitmusTest test) => "test-" + test.Name.Replace('+', '_');

    // The threads side by side, one instruction per row.
    static void Program(StringBuilder body, LitmusTest test)
    {
        body.Append("<table>\n<tr>");
        for (int t = 0; t < test.Threads.Count; t++) body.Append("<th>P").Append(t).Append("</th>");
        body.Append("</tr>\n");
        int rows = test.Threads.Max(t => t.Count);
        for (int row = 0; row < rows; row++)
        {
            body.Append("<tr>");
            foreach (var thread in test.Threads)
                body.Append("<td><code>").Append(row < thread.Count ? GalleryPage.Encode(Text(test, thread[row])) : "").Append("</code></td>");
            body.Append("</tr>\n");
        }
        body.Append("</table>\n");
    }

    static string Text(LitmusTest test, LitmusOp op)
    {
        var location = op.Location >= 0 && op.Location < test.Locations.Count ? test.Locations[op.Location] : "";
        var register = op.Register >= 0 ? test.Registers[op.Register] + " = " : "";
        var order = $" ({op.Order.ToName()})";
        return op.Kind switch
        {
            LitmusOpKind.Store => $"store {location} = {op.Value}{order}",
            LitmusOpKind.Load => $"{register}load {location}{order}",
            LitmusOpKind.Fence => $"fence{order}",
            LitmusOpKind.FetchAdd => $"{register}fetch_add {location} {op.Value}{order}",
            _ => $"{register}exchange {location} {op.Value}{order}",
        };
    }
}
