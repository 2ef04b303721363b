using ModelCheck.Engine;

namespace ModelCheck.Cli.Commands;

/// <summary>
/// The text `modelcheck orders` prints: the scenarios as declared, then one row per site with the
/// weakenings tried under it. A function of the report (no times), so a run prints the same bytes twice.
/// </summary>
public static class OrdersTable
{
    const int MaxCells = 3;

    public static string Exploration(TestConfiguration c)
    {
        var timeout = c.TimeoutSeconds is { } t ? $"; at most {t} s per exploration" : "";
        var bound = c.StrategyValue is { } b ? $"{b} preemption{(b == 1 ? "" : "s")}" : "each scenario's declared preemption bound (none: every schedule)";
        return c.Strategy switch
        {
            StrategyKind.Portfolio => $"portfolio: random and pct ({c.Iterations} executions between them, seed {c.Seed}) beside depth-first search deepening to {bound}{timeout}",
            StrategyKind.Dfs => $"depth-first search within {bound}{timeout}",
            StrategyKind.Dpor => $"dpor{(c.StrategyValue is { } d ? $" within {d} preemptions" : "")} (it reduces under sc only; under ra and tso it is depth-first search){timeout}",
            _ => $"{c.Strategy.ToName()}, {c.Iterations} executions, seed {c.Seed}: sampled, so a pass proves nothing{timeout}",
        };
    }

    public static void Write(TextWriter o, OrdersReport report)
    {
        WriteBaselines(o, report.Baselines);
        if (report.Sites.Count == 0) return;
        o.WriteLine();
        WriteSites(o, report.Sites);
    }

    static void WriteBaselines(TextWriter o, IReadOnlyList<OrdersRun> runs)
    {
        int width = Math.Max("scenario".Length, runs.Max(r => r.Scenario.Length));
        o.WriteLine($"{"scenario".PadRight(width)}  memory  as declared        executions  exploration");
        foreach (var r in runs)
            o.WriteLine($"{r.Scenario.PadRight(width)}  {r.Memory.ToName(),-6}  {(r.Passed ? "pass" : r.Observed.ToName() + ": not judged"),-16}  {r.Executions,10}  {r.Coverage}".TrimEnd());
    }

    static void WriteSites(TextWriter o, IReadOnlyList<SiteResult> sites)
    {
        var rows = sites.Select(s => (Site: s.Site.Location, Access: Access(s), Declared: OrderLadder.Name(s.Site.Kind, s.Site.Declared),
            Weakest: string.Join(" or ", s.Weakest.Select(w => OrderLadder.Name(s.Site.Kind, w))), Verdict: Verdict(s), Result: s)).ToList();
        int site = Math.Max("site".Length, rows.Max(r => r.Site.Length));
        int access = Math.Max("access".Length, rows.Max(r => r.Access.Length));
        int weakest = Math.Max("weakest".Length, rows.Max(r => r.Weakest.Length));
        o.WriteLine($"{"site".PadRight(site)}  {"access".PadRight(access)}  declared  {"weakest".PadRight(weakest)}  verdict");
        foreach (var r in rows)
        {
            o.WriteLine($"{r.Site.PadRight(site)}  {r.Access.PadRight(access)}  {r.Declared,-8}  {r.Weakest.PadRight(weakest)}  {r.Verdict}");
            foreach (var w in r.Result.Tried) o.WriteLine("    " + Weakening(r.Result.Site, w));
        }
        o.WriteLine();
        int necessary = sites.Count(s => s.Tried.Count > 0 && s.Necessary);
        int redundant = sites.Count(s => !s.Necessary);
        int bottom = sites.Count(s => s.Tried.Count == 0);
        o.WriteLine($"{sites.Count} site{(sites.Count == 1 ? "" : "s")}: {necessary} necessary, {redundant} redundant under these scenarios"
            + (bottom > 0 ? $", {bottom} relaxed already" : "") + ".");
        if (redundant > 0)
            o.WriteLine("Redundant means only that no scenario run here needs the declared order: fewer or smaller scenarios prove less,\n"
                + "and an exploration that is not complete less still. A necessary order is proved by its trace.");
    }

    /// <summary>"TabAt load T2[i], T4[i], T8[i]": the member the access is written in, the operation, the cells it touched.</summary>
    static string Access(SiteResult s)
    {
        var cells = s.Cells.Count <= MaxCells ? string.Join(", ", s.Cells) : string.Join(", ", s.Cells.Take(MaxCells)) + $" +{s.Cells.Count - MaxCells}";
        return $"{s.Site.Member} {s.Site.Operation}{(cells.Length > 0 ? " " + cells : "")}";
    }

    static string Verdict(SiteResult s) => s.Tried.Count == 0 ? "relaxed already"
        : s.Necessary ? "necessary"
        : "redundant";

    static string Weakening(AccessSite site, Weakening w)
    {
        var head = $"{OrderLadder.Name(site.Kind, w.Order)} under {w.Memory.ToName()}: ";
        if (w.Break is { } broke)
            return head + $"breaks {broke.Scenario}: {broke.Observed.ToName()}, trace {w.TracePath}";
        var runs = w.Runs;
        if (runs.Count == 0) return head + $"not judged: no scenario that reaches the site passes as declared under {w.Memory.ToName()}";
        return head + $"passes {runs.Count} scenario{(runs.Count == 1 ? "" : "s")}, {runs.Sum(r => r.Executions)} executions, {Coverage(runs)}";
    }

    /// <summary>What the passing runs together prove: complete, complete within the smallest bound among them, sampled, or not complete.</summary>
    static string Coverage(IReadOnlyList<OrdersRun> runs)
    {
        if (runs.Count == 0) return "nothing run";
        if (runs.All(r => r.Sampled && r.StopReason is null)) return "sampled (random): a pass proves nothing";
        if (runs.Any(r => !r.Complete)) return $"not complete ({string.Join(", ", runs.Where(r => !r.Complete).Select(r => r.Scenario + (r.StopReason is null ? "" : $": {r.StopReason}")))})";
        var bounds = runs.Where(r => r.CompleteWithin is not null).Select(r => r.CompleteWithin!.Value).ToList();
        return bounds.Count == 0 ? "complete" : $"complete within {bounds.Min()} preemption{(bounds.Min() == 1 ? "" : "s")}";
    }
}
