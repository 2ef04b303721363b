namespace ModelCheck.Engine;

/// <summary>
/// Feeds a recorded choice sequence back to the program and fails loudly, naming the step, as soon
/// as the program asks for something the trace does not hold.
/// </summary>
public sealed class ReplayStrategy(IReadOnlyList<Choice> choices) : IStrategy
{
    int position;

    public string Name => "replay";
    public bool IsComplete => false;

    /// <summary>How many choices the last execution used.</summary>
    public int Consumed => position;

    public bool PrepareExecution()
    {
        position = 0;
        return true;
    }

    public void OnTaskCreated(int taskId) { }

    public int PickTask(ReadOnlySpan<int> enabled, int previous, int step)
    {
        var choice = Next(ChoiceKind.Schedule, step);
        int index = enabled.IndexOf(choice.Value);
        if (index < 0)
            throw new StrategyMismatchException(
                $"diverged at step {step} (choice {position}): the trace schedules task {choice.Value}, but the enabled tasks are {string.Join(", ", enabled.ToArray())}");
        return index;
    }

    public int PickValue(ChoiceKind kind, int count, int step)
    {
        var choice = Next(kind, step);
        if (choice.Value >= count)
            throw new StrategyMismatchException(
                $"diverged at step {step} (choice {position}): the trace chooses {choice.Value}, but the program offers only {count} options");
        return choice.Value;
    }

    public void OnExecutionEnd(int steps) { }

    Choice Next(ChoiceKind kind, int step)
    {
        if (position >= choices.Count)
            throw new StrategyMismatchException(
                $"diverged at step {step}: the trace ended after {choices.Count} choices, but the program asked for another ({kind})");
        var choice = choices[position++];
        if (choice.Kind != kind)
            throw new StrategyMismatchException(
                $"diverged at step {step} (choice {position}): the trace holds a {choice.Kind} choice, but the program asked for a {kind} choice");
        return choice;
    }
}
