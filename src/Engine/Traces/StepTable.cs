using System.Text;

namespace ModelCheck.Engine;

/// <summary>
/// Renders a replayed execution as text: a header, then one column per task and one row per step.
/// Everything printed is a function of the trace, so the text is stable enough to snapshot.
/// </summary>
public static class StepTable
{
    public static string Render(ReplayResult replay)
    {
        var trace = replay.Trace;
        var text = new StringBuilder();
        text.Append("scenario  ").Append(trace.Scenario).Append('\n');
        text.Append("bug       ").Append(trace.Bug.Kind.ToName()).Append(" at step ").Append(trace.Bug.Step)
            .Append(": ").Append(trace.Bug.Message).Append('\n');
        text.Append("origin    ").Append(trace.Origin.Strategy);
        if (trace.Origin.StrategyValue is { } value) text.Append(' ').Append(value);
        text.Append(", seed ").Append(trace.Origin.Seed).Append(", iteration ").Append(trace.Origin.Iteration).Append('\n');
        text.Append("steps     ").Append(replay.Result.Steps).Append(", choices ").Append(trace.Choices.Count).Append('\n');
        text.Append("replay    ").Append(replay.Reproduced ? "reproduced" : replay.Divergence ?? "did not reproduce").Append('\n');
        text.Append('\n');
        AppendTable(text, replay.Recording);
        return text.ToString();
    }

    static void AppendTable(StringBuilder text, ExecutionRecorder recording)
    {
        int columns = recording.TaskNames.Count;
        // One row per (step, line within the step); a step's events stay in its task's column.
        var rows = new List<(int Step, string[] Cells)>();
        foreach (var group in recording.Events.GroupBy(e => e.Step))
        {
            var perTask = group.GroupBy(e => e.Task).ToDictionary(g => g.Key, g => g.Select(e => e.Text).ToList());
            int lines = perTask.Values.Max(l => l.Count);
            for (int line = 0; line < lines; line++)
            {
                var cells = new string[columns];
                for (int task = 0; task < columns; task++)
                    cells[task] = perTask.TryGetValue(task, out var list) && line < list.Count ? list[line] : "";
                rows.Add((line == 0 ? group.Key : -1, cells));
            }
        }
        var widths = new int[columns];
        for (int task = 0; task < columns; task++)
            widths[task] = Math.Max(recording.TaskNames[task].Length, rows.Count == 0 ? 0 : rows.Max(r => r.Cells[task].Length));
        text.Append("step");
        for (int task = 0; task < columns; task++) text.Append(" | ").Append(recording.TaskNames[task].PadRight(widths[task]));
        text.Append('\n').Append("----");
        for (int task = 0; task < columns; task++) text.Append("-+-").Append(new string('-', widths[task]));
        text.Append('\n');
        foreach (var (step, cells) in rows)
        {
            var line = new StringBuilder(step < 0 ? "    " : step.ToString().PadLeft(4));
            for (int task = 0; task < columns; task++) line.Append(" | ").Append(cells[task].PadRight(widths[task]));
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }
}
