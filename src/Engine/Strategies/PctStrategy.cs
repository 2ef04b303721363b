namespace ModelCheck.Engine;

/// <summary>
/// Probabilistic concurrency testing (Burckhardt et al., ASPLOS 2010): each task gets a random
/// priority when it is created, the highest-priority enabled task always runs, and at d−1 random
/// steps (the change points) the running task drops below all others. A bug of depth d is found
/// in one execution with probability at least 1/(n·k^(d−1)) for n tasks and k steps.
/// Data choices are uniform.
/// </summary>
public sealed class PctStrategy : IStrategy
{
    readonly Xoshiro random;
    readonly int depth;
    // Task ids, highest priority first.
    readonly List<int> priorities = [];
    readonly HashSet<int> changePoints = [];
    int stepEstimate = 32;

    public PctStrategy(ulong seed, int depth)
    {
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), "the PCT depth is at least 1");
        random = new Xoshiro(seed);
        this.depth = depth;
    }

    public string Name => "pct";
    public bool IsComplete => false;

    public bool PrepareExecution()
    {
        priorities.Clear();
        changePoints.Clear();
        // Change points are drawn from the steps seen so far; duplicates only lower the depth a little.
        for (int i = 1; i < depth; i++) changePoints.Add(1 + random.Next(stepEstimate));
        return true;
    }

    public void OnTaskCreated(int taskId) => priorities.Insert(random.Next(priorities.Count + 1), taskId);

    public int PickTask(ReadOnlySpan<int> enabled, int previous, int step)
    {
        if (changePoints.Contains(step))
        {
            int top = HighestEnabled(enabled);
            priorities.Remove(enabled[top]);
            priorities.Add(enabled[top]);
        }
        return HighestEnabled(enabled);
    }

    public int PickValue(ChoiceKind kind, int count, int step) => random.Next(count);

    public void OnExecutionEnd(int steps) => stepEstimate = Math.Max(stepEstimate, steps);

    int HighestEnabled(ReadOnlySpan<int> enabled)
    {
        foreach (int id in priorities)
        {
            int index = enabled.IndexOf(id);
            if (index >= 0) return index;
        }
        throw new InvalidOperationException("PCT was asked to pick among tasks it was never told about");
    }
}
