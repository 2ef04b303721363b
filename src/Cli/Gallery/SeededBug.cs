using System.Text;
using ModelCheck.Engine;

namespace ModelCheck.Cli.Gallery;

/// <summary>
/// A seeded bug as the gallery shows it: its scenario, its committed minimised trace (the reviewed story
/// the snapshot tests keep), and that trace replayed in this process.
/// </summary>
sealed record SeededBug(Scenario Scenario, string TracePath, ReplayResult Replay)
{
    /// <summary>The trace's file name without ".min.trace.json": the scenario name with '/' as '_'.</summary>
    public string Id => Path.GetFileName(TracePath)[..^".min.trace.json".Length];

    public string Page => $"bugs/{Id}.html";

    public string Report => $"reports/{Id}.html";

    /// <summary>Every seeded bug of <paramref name="catalog"/>, each with its committed trace replayed; a missing or stale trace is an error.</summary>
    public static IReadOnlyList<SeededBug> Load(ScenarioCatalog catalog, string repository)
    {
        var directory = Path.Combine(repository, GallerySite.TracesPath);
        if (!Directory.Exists(directory))
            throw new UsageException($"gallery: {ErrorText.Path(directory)} not found: run in the repository root or give --repository DIR");
        var traces = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(directory, "*.min.trace.json").Order(StringComparer.Ordinal))
            traces.TryAdd(TraceFileOf(file).Scenario, file);
        var bugs = new List<SeededBug>();
        foreach (var scenario in catalog.All.Where(s => s.Expected != BugKind.None))
        {
            if (!traces.TryGetValue(scenario.Name, out var file))
                throw new UsageException($"gallery: no committed trace for the seeded bug {scenario.Name} in {ErrorText.Path(directory)} (scripts/regenerate-traces.sh writes it)");
            var replay = Replayer.Replay(scenario, TraceFileOf(file));
            if (!replay.Reproduced)
                throw new UsageException($"gallery: {ErrorText.Path(file)} no longer reproduces its bug: {replay.Divergence}");
            bugs.Add(new SeededBug(scenario, Path.Combine(GallerySite.TracesPath, Path.GetFileName(file)).Replace('\\', '/'), replay));
        }
        return bugs;
    }

    static TraceFile TraceFileOf(string file)
    {
        try { return TraceFile.Read(file); }
        catch (TraceFormatException e) { throw new UsageException($"gallery: {e.Message}"); }
    }

    /// <summary>The check that catches the bug, in a sentence: which invariant, assertion or runtime check fails, and what it says.</summary>
    public string CaughtBy()
    {
        var bug = Replay.Trace.Bug;
        var said = bug.Message.Split('\n')[0].TrimEnd(':', ' ');
        return bug.Kind switch
        {
            BugKind.MonitorViolation => $"An invariant monitor catches it: {said}.",
            BugKind.NotLinearizable => "The linearizability check catches it: no order of the recorded operations that respects real time explains their results (the witness is in the report).",
            BugKind.Fatal => $"Go's own misuse check catches it, as the runtime would: {said}.",
            BugKind.DataRace => $"The race detector catches it: {said}.",
            BugKind.AssertionFailure => $"The scenario's assertion catches it: {said}.",
            BugKind.UnhandledException => $"An exception catches it: the model throws where Go would panic: {said}.",
            BugKind.UncontrolledConcurrency => $"The scheduler catches it: the program awaited something the scheduler does not control: {said}.",
            BugKind.Liveness => $"A liveness monitor catches it: {said}.",
            BugKind.Deadlock => $"The scheduler catches it: {said}.",
            _ => $"The engine catches it as {bug.Kind.ToName()}: {said}.",
        };
    }

    public string Render(IEnumerable<GalleryTopic> topics)
    {
        var page = Page;
        var body = new StringBuilder();
        var model = GalleryContent.ModelOf(GalleryContent.GroupOf(Scenario));
        body.Append("<p>Model: ").Append(GalleryPage.Link(page, $"models/{model.Group}.html", model.Title));
        var among = topics.Where(t => GallerySite.Gathers(t, Scenario)).ToList();
        if (among.Count > 0) body.Append(". Topics: ").Append(string.Join(", ", among.Select(t => GalleryPage.Link(page, $"topics/{t.Slug}.html", t.Title))));
        body.Append(".</p>\n");
        body.Append("<p>").Append(GalleryPage.Encode(Scenario.Description)).Append("</p>\n");
        body.Append("<p>").Append(GalleryPage.Encode(CaughtBy())).Append("</p>\n");
        body.Append("<table>\n");
        foreach (var (label, value) in TraceSummary.Lines(Replay))
            body.Append("<tr><th>").Append(GalleryPage.Encode(label)).Append("</th><td>")
                .Append(value.Contains('\n') ? $"<pre>{GalleryPage.Encode(value)}</pre>" : GalleryPage.Encode(value)).Append("</td></tr>\n");
        body.Append("</table>\n");
        body.Append("<p>The minimised trace is committed as <code>").Append(GalleryPage.Encode(TracePath))
            .Append("</code>; from the repository root, <code>modelcheck replay ").Append(GalleryPage.Encode(TracePath))
            .Append(" --html report.html</code> replays it and draws this report.</p>\n");
        // A link, not a frame: the report scrolls itself to the bug, and in a frame it would scroll this page too.
        body.Append("<p><strong>").Append(GalleryPage.Link(page, Report, "The HTML report"))
            .Append("</strong>: one swimlane per task, arrows for reads-from and happens-before, the bug marked, a step slider.</p>\n");
        body.Append("<h2>The step table</h2>\n<pre>").Append(GalleryPage.Encode(StepTable.Render(Replay))).Append("</pre>\n");
        return GalleryPage.Render(page, Scenario.Name, body.ToString());
    }
}
