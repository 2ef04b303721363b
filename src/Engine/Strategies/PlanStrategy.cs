namespace ModelCheck.Engine;

/// <summary>One step of a schedule plan: the task meant to run it, and the value choices asked at it, in order.</summary>
public readonly record struct PlannedStep(int Task, Choice[] Values);

/// <summary>
/// Follows a plan, step by step, wherever it still fits the program, and otherwise makes the choice
/// that adds no preemption: when the planned task is not enabled (or the plan has ended) the previous
/// task goes on, else the lowest enabled one; a value choice the plan does not hold takes 0 (under a
/// weak model: the newest store, no drain, the last place). Unlike <see cref="ReplayStrategy"/> it never
/// diverges, so minimisation can run edited plans (blocks of steps moved, removed or cut) and keep
/// whatever execution they lead to. Keyed by step rather than by choice index, so moving a block of
/// steps moves its choices with it.
/// </summary>
public sealed class PlanStrategy(IReadOnlyList<PlannedStep> plan) : IStrategy
{
    int valueStep;
    int valueOrdinal;

    public string Name => "plan";
    public bool IsComplete => false;

    public bool PrepareExecution()
    {
        valueStep = 0;
        valueOrdinal = 0;
        return true;
    }

    public void OnTaskCreated(int taskId) { }

    public int PickTask(ReadOnlySpan<int> enabled, int previous, int step)
    {
        if (step <= plan.Count && enabled.IndexOf(plan[step - 1].Task) is var planned and >= 0) return planned;
        int continuing = enabled.IndexOf(previous);
        return continuing >= 0 ? continuing : 0;
    }

    public int PickValue(ChoiceKind kind, int count, int step)
    {
        if (step != valueStep) (valueStep, valueOrdinal) = (step, 0);
        int ordinal = valueOrdinal++;
        if (step < 1 || step > plan.Count || ordinal >= plan[step - 1].Values.Length) return 0;
        var choice = plan[step - 1].Values[ordinal];
        return choice.Kind == kind && choice.Value < count ? choice.Value : 0;
    }

    public void OnExecutionEnd(int steps) { }
}
