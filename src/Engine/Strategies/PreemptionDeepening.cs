namespace ModelCheck.Engine;

/// <summary>
/// Iterative preemption bounding, as CHESS explores: DFS with at most 0 preemptions, then 1, then 2, then
/// the scenario's bound (none: every schedule), each pass complete before the next starts. Most concurrency
/// bugs need one or two preemptions (every seeded bug here shows within two), so the shallowest schedule
/// that shows a bug is found after a few hundred executions rather than somewhere in the deeper space, and
/// which bug is found first depends on nothing but the scenario. The passes repeat each other's executions;
/// the shallow ones are small, and stepping from 2 straight to the final bound keeps the repetition to
/// them. A pass whose bound never cut a branch has run every schedule, so deepening stops there.
/// </summary>
public sealed class PreemptionDeepening(int? maximum) : IStrategy
{
    const int LastShallowBound = 2;

    DfsStrategy current = new(0);
    int? bound = 0;

    public string Name => "dfs";

    public bool IsComplete => current.IsComplete && (!current.Pruned || bound == maximum);

    public int? CompleteWithin => current.CompleteWithin;

    /// <summary>The bound of the pass under way; null: unbounded.</summary>
    public int? Bound => bound;

    public bool PrepareExecution()
    {
        if (current.IsComplete && !IsComplete)
        {
            bound = bound < LastShallowBound && bound < maximum.GetValueOrDefault(int.MaxValue) ? bound + 1 : maximum;
            current = new DfsStrategy(bound);
        }
        return current.PrepareExecution();
    }

    public void OnTaskCreated(int taskId) => current.OnTaskCreated(taskId);
    public int PickTask(ReadOnlySpan<int> enabled, int previous, int step) => current.PickTask(enabled, previous, step);
    public int PickValue(ChoiceKind kind, int count, int step) => current.PickValue(kind, count, step);
    public void OnExecutionEnd(int steps) => current.OnExecutionEnd(steps);
}
