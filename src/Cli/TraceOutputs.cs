using ModelCheck.Engine;

namespace ModelCheck.Cli;

/// <summary>
/// What the commands do with a bug's trace beyond writing it: shrink it into *.min.trace.json beside
/// it (--minimize) and draw it as an HTML report (--html). Both print what they wrote, and both are
/// functions of the trace, so their output is as deterministic as the rest.
/// </summary>
public sealed class TraceOutputs(bool minimize)
{
    /// <summary>Minimises the trace at <paramref name="path"/> when asked; returns the trace to show and its replay.</summary>
    public (TraceFile Trace, string Path) Process(TextWriter o, string indent, Scenario scenario, TraceFile trace, string path)
    {
        if (!minimize) return (trace, path);
        var result = TraceMinimizer.Minimize(scenario, trace);
        var minimisedPath = TraceMinimizer.MinimisedPath(path);
        result.Minimised.Write(minimisedPath);
        o.WriteLine($"{indent}minimised {minimisedPath} ({result.Executions} {(result.Executions == 1 ? "execution" : "executions")})");
        o.WriteLine($"{indent}  before  {result.Before}");
        o.WriteLine($"{indent}  after   {result.After}");
        o.WriteLine($"{indent}depth     {result.Depth}");
        return (result.Minimised, minimisedPath);
    }

    /// <summary>Writes the HTML report of <paramref name="trace"/> to <paramref name="htmlPath"/>.</summary>
    public static void WriteHtml(TextWriter o, string indent, Scenario scenario, TraceFile trace, string htmlPath)
    {
        AtomicFile.Write(htmlPath, HtmlReport.Render(Replayer.Replay(scenario, trace)));
        o.WriteLine($"{indent}report    {htmlPath}");
    }
}
