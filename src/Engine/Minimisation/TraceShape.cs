using System.Globalization;

namespace ModelCheck.Engine;

/// <summary>The size of a replayed trace, as minimisation reports it before and after.</summary>
public sealed record TraceShape(int Steps, int Preemptions, int TasksInvolved, int Tasks)
{
    public static TraceShape Of(ReplayResult replay) =>
        new(replay.Result.Steps, replay.Preemptions.Count, replay.TasksInvolved.Count, replay.Recording.TaskNames.Count);

    public override string ToString() =>
        $"{Steps} steps, {Preemptions} {(Preemptions == 1 ? "preemption" : "preemptions")}, {TasksInvolved} of {Tasks} tasks involved";
}

/// <summary>
/// How deep a bug is. Its depth is the number of preemptions of its minimised trace. PCT finds a bug of
/// depth d in one run with probability at least 1/(n·k^(d−1)) for n tasks and k steps (Burckhardt et al.);
/// a minimised trace with p preemptions is within reach of depth d = p + 1. When PCT found the bug, its
/// configured depth and the same bound at that depth are stated too. n and k are those observed in the
/// original trace.
/// </summary>
public sealed record BugDepth(int Preemptions, int Tasks, int Steps, int? PctDepth)
{
    public static BugDepth Of(TraceFile original, TraceShape before, TraceShape after) =>
        new(after.Preemptions, before.Tasks, before.Steps,
            original.Origin.Strategy == StrategyKind.Pct.ToName() ? original.Origin.StrategyValue ?? TestConfiguration.DefaultPctDepth : null);

    /// <summary>PCT's lower bound 1/(n·k^(d−1)) on finding a bug of depth <paramref name="depth"/> in one run.</summary>
    public double PctLowerBound(int depth) => 1.0 / (Math.Max(Tasks, 1) * Math.Pow(Math.Max(Steps, 1), depth - 1));

    public override string ToString()
    {
        var text = $"{Preemptions} {(Preemptions == 1 ? "preemption" : "preemptions")}; {Bound(Preemptions + 1)}";
        if (PctDepth is { } d) text += $"; found by pct at depth {Bound(d)}";
        return text;
    }

    string Bound(int d) =>
        $"d={d}: P(found per PCT run) >= 1/(n·k^(d-1)) = 1/({Tasks}·{Steps}^{d - 1}) = {PctLowerBound(d).ToString("G3", CultureInfo.InvariantCulture)}";
}
