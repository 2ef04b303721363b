using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace ModelCheck.Engine;

/// <summary>
/// Renders a replayed execution as one self-contained HTML page for people learning how an algorithm
/// breaks: one swimlane per task, each step a box holding what it did, arrows between tasks for
/// reads-from and happens-before (and under tso and ra for modification order and from-read, labelled,
/// so a stale read points at the store it missed), preemptions and the bug marked, and a step slider
/// that replays the model's published state views (<see cref="Runtime.AddStateView(string, Func{string})"/>),
/// drawn as SVG when the view draws itself, and under tso and ra the engine's own memory view (store
/// buffers; modification orders with each task's view). Every position is computed here, so the page
/// needs no network and its script only moves the slider; like the text rendering, it is a function of
/// the trace and its replay.
/// </summary>
public static class HtmlReport
{
    const int LineHeight = 16, BoxPadding = 6, Gap = 6, LaneGap = 36, LabelHeight = 28, MinLane = 150, MaxLane = 440, BoxTextIndent = 34;
    const double CharWidth = 7.3;

    /// <summary>The page of a bug trace: the trace's summary, the lanes, the slider, a link to the bug's step.</summary>
    public static string Render(ReplayResult replay) =>
        Render(replay, new Story($"{replay.Trace.Scenario}: {replay.Trace.Bug.Kind.ToName()}", replay.Trace.Scenario, TraceSummary.Lines(replay), "bug"));

    /// <summary>
    /// The page of an execution that is the point rather than a failure: a litmus test's allowed outcome
    /// (<c>litmus --explain --html</c>). <paramref name="summary"/> replaces the bug summary and the last
    /// step is marked as <paramref name="end"/> ("outcome") instead of as a bug.
    /// </summary>
    public static string RenderExecution(ReplayResult replay, string heading, IReadOnlyList<(string Label, string Value)> summary, string end) =>
        Render(replay, new Story(heading, heading, summary, end));

    sealed record Story(string Title, string Heading, IReadOnlyList<(string Label, string Value)> Summary, string End);

    static string Render(ReplayResult replay, Story story)
    {
        var layout = Layout.Of(replay);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<title>").Append(Encode(story.Title)).Append("</title>\n");
        // First of all scripts, so any later script error is visible in the DOM to whoever checks the page.
        html.Append("<script>window.addEventListener('error', function (e) { document.documentElement.setAttribute('data-script-error', String(e.message)); });</script>\n");
        html.Append("<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n");
        AppendSummary(html, replay, story);
        AppendSlider(html, replay, story);
        AppendLanes(html, replay, layout);
        AppendScript(html, replay);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    static void AppendSummary(StringBuilder html, ReplayResult replay, Story story)
    {
        html.Append("<h1>").Append(Encode(story.Heading)).Append("</h1>\n<table class=\"summary\">\n");
        foreach (var (label, value) in story.Summary)
            // A multi-line value (a linearizability witness is a table) keeps its lines and its columns.
            html.Append("<tr><th>").Append(Encode(label)).Append("</th><td>")
                .Append(value.Contains('\n') ? $"<pre class=\"message\">{Encode(value)}</pre>" : Encode(value)).Append("</td></tr>\n");
        html.Append("</table>\n<p class=\"legend\"><span class=\"key rf\"></span>reads from <span class=\"key hb\"></span>happens before ")
            .Append(replay.Trace.Settings.Memory == MemoryModel.Sc ? ""
                : "<span class=\"key mo\"></span>modification order <span class=\"key fr\"></span>from-read: the load missed this later store ")
            .Append("<span class=\"key pre\"></span>preempted <span class=\"key bug\"></span>").Append(Encode(story.End)).Append(" <span class=\"key race\"></span>racing accesses, unordered</p>\n");
    }

    static void AppendSlider(StringBuilder html, ReplayResult replay, Story story)
    {
        int steps = Math.Max(replay.Result.Steps, 1);
        html.Append("<div class=\"controls\"><label for=\"step\">step <output id=\"step-value\">").Append(steps).Append("</output> of ").Append(steps)
            .Append("</label> <input id=\"step\" type=\"range\" min=\"1\" max=\"").Append(steps).Append("\" value=\"").Append(steps).Append("\">")
            // The bug's step is usually below the first screen: one click (or the #bug-step address) shows it.
            .Append(" <a id=\"go-to-bug\" href=\"#bug-step\">go to the ").Append(Encode(story.End)).Append(" (step ").Append(replay.Trace.Bug.Step).Append(")</a></div>\n");
        var views = replay.Recording.Snapshots.Select(s => s.View).Distinct().ToList();
        html.Append("<div id=\"state\" class=\"state\">");
        if (views.Count == 0) html.Append("<p class=\"note\">This model publishes no state view.</p>");
        foreach (var view in views)
        {
            html.Append("<section><h2>").Append(Encode(view)).Append("</h2>");
            // A drawn view shows its picture; its text stays one click away, for copying and for snapshots.
            if (replay.Recording.Snapshots.Any(s => s.View == view && s.Drawing is not null))
                html.Append("<div class=\"drawing-holder\" data-drawing=\"").Append(Encode(view)).Append("\"></div><details><summary>as text</summary><pre data-view=\"")
                    .Append(Encode(view)).Append("\"></pre></details>");
            else html.Append("<pre data-view=\"").Append(Encode(view)).Append("\"></pre>");
            html.Append("</section>");
        }
        html.Append("</div>\n");
    }

    static void AppendLanes(StringBuilder html, ReplayResult replay, Layout layout)
    {
        var names = replay.Recording.TaskNames;
        html.Append("<div class=\"lanes\" style=\"width:").Append(layout.Width).Append("px;height:").Append(layout.Height).Append("px\">\n");
        for (int task = 0; task < names.Count; task++)
            html.Append("<div class=\"lane\" data-task=\"").Append(task).Append("\" style=\"left:").Append(layout.LaneLeft[task])
                .Append("px;width:").Append(layout.LaneWidth[task]).Append("px;height:").Append(layout.Height).Append("px\"><div class=\"lane-name\">")
                .Append(Encode(names[task])).Append("</div></div>\n");
        foreach (var box in layout.Boxes)
        {
            var classes = "box" + (box.Preempted ? " preempted" : "") + (box.Bug ? " bug" : "") + (box.Racing ? " race" : "");
            html.Append("<div class=\"").Append(classes).Append('"').Append(box.Bug ? " id=\"bug-step\"" : "").Append(" data-step=\"").Append(box.Step).Append("\" style=\"left:").Append(box.Left)
                .Append("px;top:").Append(box.Top).Append("px;width:").Append(box.Width).Append("px;height:").Append(box.Height).Append("px\">");
            html.Append("<span class=\"step\">").Append(box.Step).Append("</span>");
            foreach (var line in box.Lines)
                html.Append("<div class=\"op\" title=\"").Append(Encode(line)).Append("\">").Append(Encode(line)).Append("</div>");
            html.Append("</div>\n");
        }
        html.Append("<svg class=\"edges\" width=\"").Append(layout.Width).Append("\" height=\"").Append(layout.Height).Append("\" aria-hidden=\"true\">")
            .Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">")
            .Append("<path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"context-stroke\"/></marker></defs>\n");
        foreach (var edge in TraceEdges.Of(replay))
            AppendEdge(html, layout, edge.FromStep, edge.ToStep, EdgeClass(edge.Kind));
        if (TraceEdges.EarlierRacingStep(replay.Trace.Bug) is { } racing) AppendEdge(html, layout, racing, replay.Trace.Bug.Step, "race");
        html.Append("</svg>\n</div>\n");
    }

    static string EdgeClass(EdgeKind kind) => kind switch
    {
        EdgeKind.ReadsFrom => "rf",
        EdgeKind.HappensBefore => "hb",
        EdgeKind.ModificationOrder => "mo",
        _ => "fr",
    };

    static void AppendEdge(StringBuilder html, Layout layout, int fromStep, int toStep, string kind)
    {
        if (!layout.BoxOf.TryGetValue(fromStep, out var from) || !layout.BoxOf.TryGetValue(toStep, out var to)) return;
        // Edges join different lanes: leave the source box by the side facing the target, enter the target by its near side.
        // From-read and modification-order edges attach above and below the middle, so they stay apart from a reads-from between the same boxes.
        bool rightwards = to.Left > from.Left;
        double attach = kind switch { "fr" => 0.3, "mo" => 0.7, _ => 0.5 };
        double x1 = rightwards ? from.Left + from.Width : from.Left, y1 = from.Top + from.Height * attach;
        double x2 = rightwards ? to.Left : to.Left + to.Width, y2 = to.Top + to.Height * attach;
        double reach = Math.Max(LaneGap / 2.0, Math.Abs(x2 - x1) / 2) * (rightwards ? 1 : -1), c1 = x1 + reach, c2 = x2 - reach;
        html.Append("<path class=\"edge ").Append(kind).Append("\" data-from=\"").Append(fromStep)
            .Append("\" data-to=\"").Append(toStep).Append("\" d=\"M ").Append(Number(x1)).Append(' ').Append(Number(y1))
            .Append(" C ").Append(Number(c1)).Append(' ').Append(Number(y1)).Append(' ').Append(Number(c2)).Append(' ').Append(Number(y2))
            .Append(' ').Append(Number(x2)).Append(' ').Append(Number(y2)).Append("\" marker-end=\"url(#arrow)\"><title>").Append(Encode(EdgeTitle(kind, fromStep, toStep)))
            .Append("</title></path>\n");
        // Weak-memory edges carry their name at the curve's middle, so a reader can point at the one that explains a stale read.
        if (kind is "rf" or "mo" or "fr")
            html.Append("<text class=\"edge-label ").Append(kind).Append("\" data-from=\"").Append(fromStep).Append("\" data-to=\"").Append(toStep).Append("\" x=\"")
                .Append(Number((x1 + 3 * c1 + 3 * c2 + x2) / 8)).Append("\" y=\"").Append(Number((y1 + y2) / 2 - 3)).Append("\">").Append(kind).Append("</text>\n");
    }

    static string EdgeTitle(string kind, int from, int to) => kind switch
    {
        "rf" => $"step {to} reads the store of step {from}",
        "hb" => $"step {from} happens before step {to}",
        "mo" => $"the store of step {from} comes right before the store of step {to} in modification order",
        "fr" => $"step {from} read a value that the store of step {to} overwrites: it missed that store",
        _ => $"steps {from} and {to} race: neither happens before the other",
    };

    static void AppendScript(StringBuilder html, ReplayResult replay)
    {
        var snapshots = replay.Recording.Snapshots.Select(s => new object?[] { s.Step, s.View, s.Text, s.Drawing is null ? null : StateDrawingSvg.Render(s.Drawing) });
        // System.Text.Json escapes '<', '>' and '&', so the data cannot close the script element.
        html.Append("<script id=\"snapshots\" type=\"application/json\">").Append(JsonSerializer.Serialize(snapshots)).Append("</script>\n");
        html.Append("<script>\n").Append(Script).Append("</script>\n");
    }

    sealed record Box(int Step, int Left, int Top, int Width, int Height, IReadOnlyList<string> Lines, bool Preempted, bool Bug, bool Racing);

    sealed record Layout(int Width, int Height, int[] LaneLeft, int[] LaneWidth, List<Box> Boxes, Dictionary<int, Box> BoxOf)
    {
        public static Layout Of(ReplayResult replay)
        {
            var names = replay.Recording.TaskNames;
            var preempted = replay.Preemptions.ToDictionary(p => p.Step, p => p.From);
            int? racing = TraceEdges.EarlierRacingStep(replay.Trace.Bug);
            var steps = replay.Recording.Events.Where(e => e.Task >= 0).GroupBy(e => e.Step)
                .Select(g => (Step: g.Key, Task: g.First().Task, Lines: g.Select(e => e.Text).ToList())).ToList();
            var widths = new int[names.Count];
            for (int task = 0; task < names.Count; task++)
            {
                int chars = Math.Max(names[task].Length, steps.Where(s => s.Task == task).SelectMany(s => s.Lines).Select(l => l.Length + 5).DefaultIfEmpty(0).Max());
                widths[task] = Math.Clamp((int)(chars * CharWidth) + 2 * BoxPadding, MinLane, MaxLane);
            }
            var left = new int[names.Count];
            for (int task = 1; task < names.Count; task++) left[task] = left[task - 1] + widths[task - 1] + LaneGap;
            var boxes = new List<Box>();
            var byStep = new Dictionary<int, Box>();
            int top = LabelHeight;
            foreach (var (step, task, lines) in steps)
            {
                int height = lines.Sum(line => WrappedLines(line, widths[task])) * LineHeight + 2 * BoxPadding;
                var box = new Box(step, left[task], top, widths[task], height, lines, false, step == replay.Trace.Bug.Step, step == racing);
                boxes.Add(box);
                byStep[step] = box;
                if (preempted.TryGetValue(step, out int from))
                    boxes.Add(new Box(step, left[from], top, widths[from], height, ["preempted"], true, false, false));
                top += height + Gap;
            }
            int width = names.Count == 0 ? MinLane : left[^1] + widths[^1];
            return new Layout(width, top + Gap, left, widths, boxes, byStep);
        }
    }

    /// <summary>How many lines <paramref name="line"/> takes in a box <paramref name="width"/> wide: long operation texts wrap, and the box grows to hold them.</summary>
    static int WrappedLines(string line, int width)
    {
        int perLine = Math.Max(1, (int)((width - BoxTextIndent - BoxPadding) / CharWidth));
        return Math.Max(1, (line.Length + perLine - 1) / perLine);
    }

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    const string Style = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 16px; color: #1d2330; background: #fbfbfd; }
        h1 { font-size: 20px; margin: 0 0 8px; }
        h2 { font-size: 13px; margin: 4px 0; }
        table.summary th { text-align: left; padding-right: 12px; color: #566; font-weight: 600; vertical-align: top; }
        .legend .key { display: inline-block; width: 22px; height: 0; margin: 0 4px 3px 10px; border-top: 2px solid; vertical-align: middle; }
        .legend .rf { border-color: #2f6fd6; } .legend .hb { border-color: #1f9d55; border-top-style: dashed; }
        .legend .pre { border-color: #e39a12; } .legend .bug { border-color: #d62f2f; }
        .legend .race { border-color: #d62f2f; border-top-style: dotted; }
        .controls { position: sticky; top: 0; background: #fbfbfd; padding: 8px 0; z-index: 3; }
        .controls input { width: 60%; vertical-align: middle; }
        .state { display: flex; flex-wrap: wrap; gap: 16px; }
        .state pre { font: 12px/1.35 ui-monospace, monospace; background: #fff; border: 1px solid #d8dce6; padding: 6px 8px; margin: 0; min-width: 260px; }
        .note { color: #667; font-style: italic; margin: 0; }
        .lanes { position: relative; margin-top: 12px; }
        .lane { position: absolute; top: 0; background: #eef1f7; border-radius: 6px; }
        .lane-name { font-weight: 600; padding: 4px 8px; }
        .box { position: absolute; box-sizing: border-box; background: #fff; border: 1px solid #b8c0d0; border-radius: 5px; padding: 6px 6px 6px 34px;
               font: 12px/16px ui-monospace, monospace; overflow: hidden; z-index: 1; transition: opacity .1s; }
        .box .step { position: absolute; left: 5px; top: 6px; color: #7a8499; }
        .box .op { white-space: pre-wrap; overflow-wrap: anywhere; }
        pre.message { font: 12px/1.35 ui-monospace, monospace; margin: 0; white-space: pre; }
        .box[id] { scroll-margin-top: 60px; }
        .box.preempted { background: #fff6e5; border: 1px dashed #e39a12; color: #a86b00; }
        .box.bug { border: 2px solid #d62f2f; background: #fdecec; }
        .box.race { border: 2px dashed #d62f2f; }
        .box.future { opacity: .25; } .box.current { outline: 2px solid #2f6fd6; }
        svg.edges { position: absolute; left: 0; top: 0; pointer-events: none; z-index: 2; }
        .edge { fill: none; stroke-width: 1.6; opacity: .8; }
        .edge.rf { stroke: #2f6fd6; } .edge.hb { stroke: #1f9d55; stroke-dasharray: 5 3; }
        .edge.race { stroke: #d62f2f; stroke-dasharray: 2 3; stroke-width: 2; }
        .edge.mo { stroke: #7a3fc2; stroke-dasharray: 8 3; } .edge.fr { stroke: #d9731a; stroke-dasharray: 1 3; stroke-width: 2.2; }
        .legend .mo { border-color: #7a3fc2; border-top-style: dashed; } .legend .fr { border-color: #d9731a; border-top-style: dotted; }
        svg.drawing { font: 12px ui-monospace, monospace; background: #fff; border: 1px solid #d8dce6; display: block; }
        svg.drawing .caption { fill: #566; font: italic 12px system-ui, sans-serif; }
        svg.drawing .panel-title { font-weight: 600; fill: #1d2330; }
        svg.drawing .row-label { fill: #7a8499; } svg.drawing .row-label.marked { fill: #b35c00; font-weight: 600; }
        svg.drawing .slot-marker { fill: #2f6fd6; font-size: 11px; }
        svg.drawing .box rect { fill: #fff; stroke: #8a93a8; } svg.drawing .slot-edge { stroke: #c8cedb; }
        svg.drawing .box.tone-empty rect, svg.drawing rect.slot.tone-empty { fill: #f4f5f8; } svg.drawing .box.tone-empty text { fill: #99a; }
        svg.drawing .box.tone-evacuated rect, svg.drawing rect.slot.tone-evacuated { fill: #e4ecf9; stroke: #6c8fce; }
        svg.drawing .box.tone-forwarded rect, svg.drawing rect.slot.tone-forwarded { fill: #efe5fa; stroke: #7a3fc2; }
        svg.drawing .box.tone-expunged rect, svg.drawing rect.slot.tone-expunged { fill: #fbe4e4; stroke: #d62f2f; }
        svg.drawing .box.tone-dead rect, svg.drawing rect.slot.tone-dead { fill: #e9e9e9; stroke: #777; stroke-dasharray: 3 2; }
        svg.drawing .box.tone-held rect, svg.drawing rect.slot.tone-held { fill: #fff6e5; stroke: #e39a12; }
        svg.drawing .box.tone-marked rect, svg.drawing rect.slot.tone-marked { fill: #e3f4ea; stroke: #1f9d55; }
        svg.drawing rect.slot { stroke: none; }
        svg.drawing .arrow, svg.drawing .link { fill: none; stroke: #566; stroke-width: 1.4; } svg.drawing .arrow.tone-evacuated { stroke: #2f6fd6; }
        svg.drawing .arrow.tone-empty { stroke: #aab; stroke-dasharray: 4 3; } svg.drawing .arrow.tone-forwarded { stroke: #7a3fc2; }
        svg.drawing .arrow-label { fill: #566; font-size: 11px; }
        .edge.future, .edge-label.future { opacity: .08; }
        .edge-label { font: 600 11px ui-monospace, monospace; paint-order: stroke; stroke: #fbfbfd; stroke-width: 3px; }
        .edge-label.rf { fill: #2f6fd6; } .edge-label.mo { fill: #7a3fc2; } .edge-label.fr { fill: #d9731a; }

        """;

    const string Script = """
        (function () {
          var snapshots = JSON.parse(document.getElementById('snapshots').textContent);
          var slider = document.getElementById('step');
          var shown = document.getElementById('step-value');
          var boxes = document.querySelectorAll('.box');
          var edges = document.querySelectorAll('.edge, .edge-label');
          var views = document.querySelectorAll('pre[data-view]');
          function show(step) {
            shown.textContent = String(step);
            boxes.forEach(function (b) {
              var s = Number(b.getAttribute('data-step'));
              b.classList.toggle('future', s > step);
              b.classList.toggle('current', s === step);
            });
            edges.forEach(function (e) { e.classList.toggle('future', Number(e.getAttribute('data-to')) > step); });
            views.forEach(function (pre) {
              var name = pre.getAttribute('data-view'), text = '(not yet published)', svg = null;
              snapshots.forEach(function (s) { if (s[1] === name && s[0] <= step) { text = s[2]; svg = s[3]; } });
              pre.textContent = text;
              var holder = document.querySelector('.drawing-holder[data-drawing="' + CSS.escape(name) + '"]');
              if (holder) holder.innerHTML = svg || '<p class="note">(not yet published)</p>';
            });
          }
          slider.addEventListener('input', function () { show(Number(slider.value)); });
          show(Number(slider.value));
          // Open where the story ends: the bug's step, unless the address asks for another place.
          var bug = document.getElementById('bug-step');
          if (bug && !location.hash) bug.scrollIntoView({ block: 'center' });
          document.body.setAttribute('data-ready', 'yes');
        })();

        """;
}
