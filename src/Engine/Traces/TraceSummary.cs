namespace ModelCheck.Engine;

/// <summary>
/// The header of a rendered trace, as label/value lines, shared by the text and HTML renderings:
/// scenario, memory model, bug, origin, size and whether the replay reproduced the bug.
/// </summary>
public static class TraceSummary
{
    public static IReadOnlyList<(string Label, string Value)> Lines(ReplayResult replay)
    {
        var trace = replay.Trace;
        var names = replay.Recording.TaskNames;
        int count = replay.Preemptions.Count;
        var preemptions = count == 0 ? "no preemptions"
            : $"{count} {(count == 1 ? "preemption" : "preemptions")} (at {(count == 1 ? "step" : "steps")} {string.Join(", ", replay.Preemptions.Select(p => p.Step))})";
        List<(string, string)> lines =
        [
            ("scenario", trace.Scenario),
            ("memory", $"{trace.Settings.Memory.ToName()}, race detection {(trace.Settings.RaceDetection ? "on" : "off")}"),
        ];
        // A trace `modelcheck orders` found: the program ran with one site weakened.
        if (trace.Settings.Orders is SiteWeakening weakening) lines.Add(("weakened", weakening.ToString()));
        lines.AddRange(
        [
            ("bug", $"{trace.Bug.Kind.ToName()} at step {trace.Bug.Step}: {trace.Bug.Message}"),
            ("origin", $"{trace.Origin.Strategy}{(trace.Origin.StrategyValue is { } v ? " " + v : "")}, seed {trace.Origin.Seed}, iteration {trace.Origin.Iteration}"),
            ("steps", $"{replay.Result.Steps}, {preemptions}, {trace.Choices.Count} choices"),
            ("tasks", string.Join(", ", replay.TasksInvolved.Select(t => names[t])) + $" ({replay.TasksInvolved.Count} of {names.Count} ran)"),
            ("replay", replay.Reproduced ? "reproduced" : replay.Divergence ?? "did not reproduce"),
        ]);
        return lines;
    }
}
