namespace ModelCheck.Engine;

/// <summary>
/// Exhaustive depth-first search over every scheduling and data choice, optionally with a bound on
/// preemptions (switching away from a task that could have gone on). When the path stack empties,
/// the space (within the bound) has been explored: <see cref="IsComplete"/>.
/// Option 0 at a scheduling point is always "let the previous task go on", so the first execution is
/// the non-preemptive one and the bound prunes exactly the preempting branches.
/// </summary>
public sealed class DfsStrategy(int? preemptionBound) : IStrategy
{
    readonly record struct Point(int Count, int Chosen);

    readonly List<Point> path = [];
    int position;
    int preemptions;

    public string Name => "dfs";
    public bool IsComplete { get; private set; }

    public bool PrepareExecution()
    {
        position = 0;
        preemptions = 0;
        return !IsComplete;
    }

    public void OnTaskCreated(int taskId) { }

    public int PickTask(ReadOnlySpan<int> enabled, int previous, int step)
    {
        int previousIndex = enabled.IndexOf(previous);
        bool onlyContinue = previousIndex >= 0 && preemptionBound is { } bound && preemptions >= bound;
        int option = Decide(onlyContinue ? 1 : enabled.Length, step);
        int index = previousIndex < 0 ? option
            : option == 0 ? previousIndex
            : option <= previousIndex ? option - 1 : option;
        if (previousIndex >= 0 && index != previousIndex) preemptions++;
        return index;
    }

    public int PickValue(ChoiceKind kind, int count, int step) => Decide(count, step);

    public void OnExecutionEnd(int steps)
    {
        path.RemoveRange(position, path.Count - position);
        while (path.Count > 0 && path[^1].Chosen + 1 >= path[^1].Count) path.RemoveAt(path.Count - 1);
        if (path.Count == 0) IsComplete = true;
        else path[^1] = path[^1] with { Chosen = path[^1].Chosen + 1 };
    }

    int Decide(int count, int step)
    {
        if (position < path.Count)
        {
            var point = path[position++];
            if (point.Count != count)
                throw new StrategyMismatchException(
                    $"at step {step} the same path offered {count} options where an earlier execution had {point.Count}: the scenario is not deterministic");
            return point.Chosen;
        }
        path.Add(new Point(count, 0));
        position++;
        return 0;
    }
}
