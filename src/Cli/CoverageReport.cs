using ModelCheck.Engine;

namespace ModelCheck.Cli;

/// <summary>
/// `test --coverage`: for each model whose scenarios ran, every label it declares and the first scenario
/// (in run order) that reached it, preferring one whose contract is to pass: a state only seeded bugs
/// reach is marked so, since the correct model is not checked there. A label nobody reached fails the
/// run unless the model declares it unreachable, with the reason, which the report prints.
/// </summary>
public static class CoverageReport
{
    /// <summary>Prints the report; returns false when a label that must be reached was not.</summary>
    public static bool Print(TextWriter o, CoverageCatalog catalog, IReadOnlyList<ExplorationReport> reports)
    {
        bool ok = true;
        foreach (var model in catalog.Models)
        {
            var ran = reports.Where(r => r.Scenario.Name.StartsWith(model + "/", StringComparison.Ordinal)).ToList();
            if (ran.Count == 0) continue;
            var labels = catalog.All.Where(l => l.Model == model).ToList();
            var firstReacher = labels.ToDictionary(l => l, l => FirstReacher(reports, l));
            int reached = firstReacher.Values.Count(v => v is not null);
            int unreachable = labels.Count(l => l.Unreachable is not null && firstReacher[l] is null);
            o.WriteLine($"coverage {model}: {reached} of {labels.Count} labels reached{(unreachable > 0 ? $", {unreachable} unreachable by design" : "")} ({ran.Count} scenarios)");
            int width = labels.Max(l => l.Name.Length);
            foreach (var label in labels)
            {
                // A label reached although declared unreachable fails too: its stated reason is wrong.
                var (status, detail) = (firstReacher[label], label.Unreachable) switch
                {
                    ({ } scenario, null) => ("reached", scenario),
                    ({ } scenario, { }) => ("REACHED", $"{scenario}, though declared unreachable"),
                    (null, { } reason) => ("unreachable", reason),
                    _ => ("NOT REACHED", ""),
                };
                if (status is "NOT REACHED" or "REACHED") ok = false;
                o.WriteLine($"  {status,-11}  {label.Name.PadRight(width)}  {detail}".TrimEnd());
            }
        }
        return ok;
    }

    static string? FirstReacher(IReadOnlyList<ExplorationReport> reports, CoverageLabel label)
    {
        var reached = reports.Where(r => r.Coverage!.Contains(label)).Select(r => r.Scenario).ToList();
        if (reached.Count == 0) return null;
        return reached.FirstOrDefault(s => s.Expected == BugKind.None)?.Name ?? $"{reached[0].Name} (only scenarios that expect a bug)";
    }
}
