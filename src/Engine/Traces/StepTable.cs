using System.Text;

namespace ModelCheck.Engine;

/// <summary>
/// Renders a replayed execution as text for people and for snapshots: a header (scenario, bug, origin,
/// size), then one column per task and one row per recorded event, grouped by step. A preemption is
/// marked in the step column and in the column of the task that could have gone on; the bug's step is
/// marked too. Everything printed is a function of the trace and its replay (no object ids, addresses
/// or timings), so the same trace renders to the same bytes in every process.
/// </summary>
public static class StepTable
{
    const char PreemptionMark = '*';
    const char BugMark = '!';
    const char RaceMark = '#';

    public static string Render(ReplayResult replay)
    {
        var text = new StringBuilder();
        AppendHeader(text, replay);
        text.Append('\n');
        AppendTable(text, replay);
        text.Append('\n');
        if (replay.Preemptions.Count > 0)
            text.Append(PreemptionMark).Append(" preemption: the scheduler switched away from a task that could have gone on\n");
        text.Append(BugMark).Append(" the step the bug happened at\n");
        if (TraceEdges.EarlierRacingStep(replay.Trace.Bug) is not null)
            text.Append(RaceMark).Append(" the earlier racing access: no happens-before path leads from it to the bug's step\n");
        return text.ToString();
    }

    static void AppendHeader(StringBuilder text, ReplayResult replay)
    {
        foreach (var (label, value) in TraceSummary.Lines(replay)) text.Append(label.PadRight(10)).Append(value).Append('\n');
    }

    static void AppendTable(StringBuilder text, ReplayResult replay)
    {
        var names = replay.Recording.TaskNames;
        int columns = names.Count;
        var preempted = replay.Preemptions.ToDictionary(p => p.Step, p => p.From);
        int? racing = TraceEdges.EarlierRacingStep(replay.Trace.Bug);
        var rows = new List<(string Step, string[] Cells)>();
        foreach (var group in replay.Recording.Events.GroupBy(e => e.Step))
        {
            var perTask = group.Where(e => e.Task >= 0).GroupBy(e => e.Task).ToDictionary(g => g.Key, g => g.Select(e => e.Text).ToList());
            if (preempted.TryGetValue(group.Key, out int from)) perTask.TryAdd(from, ["~ preempted"]);
            int lines = perTask.Count == 0 ? 0 : perTask.Values.Max(l => l.Count);
            for (int line = 0; line < lines; line++)
            {
                var cells = new string[columns];
                for (int task = 0; task < columns; task++)
                    cells[task] = perTask.TryGetValue(task, out var list) && line < list.Count ? list[line] : "";
                rows.Add((line == 0 ? StepLabel(group.Key, preempted.ContainsKey(group.Key), group.Key == replay.Trace.Bug.Step ? BugMark : group.Key == racing ? RaceMark : ' ') : "", cells));
            }
        }
        var widths = new int[columns];
        for (int task = 0; task < columns; task++)
            widths[task] = Math.Max(names[task].Length, rows.Count == 0 ? 0 : rows.Max(r => r.Cells[task].Length));
        int stepWidth = Math.Max(4, replay.Result.Steps.ToString().Length + 2);
        var header = new StringBuilder("step".PadLeft(stepWidth));
        for (int task = 0; task < columns; task++) header.Append(" | ").Append(names[task].PadRight(widths[task]));
        text.Append(header.ToString().TrimEnd()).Append('\n').Append(new string('-', stepWidth));
        for (int task = 0; task < columns; task++) text.Append("-+-").Append(new string('-', widths[task]));
        text.Append('\n');
        foreach (var (step, cells) in rows)
        {
            var line = new StringBuilder(step.PadLeft(stepWidth));
            for (int task = 0; task < columns; task++) line.Append(" | ").Append(cells[task].PadRight(widths[task]));
            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }

    static string StepLabel(int step, bool preemption, char mark) => $"{step}{(preemption ? PreemptionMark : ' ')}{mark}";
}
