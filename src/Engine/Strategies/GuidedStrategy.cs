namespace ModelCheck.Engine;

/// <summary>
/// Follows a list of hinted choices wherever they still fit the program, and otherwise (a hint that
/// names a task that is not enabled, or a value out of range, or no hints left) makes the choice
/// that adds no preemption: let the previous task go on, else the lowest enabled task, else value 0.
/// Unlike <see cref="ReplayStrategy"/> it never diverges, so minimisation can try edited choice lists
/// and keep whatever execution they lead to.
/// </summary>
public sealed class GuidedStrategy(IReadOnlyList<Choice> hints) : IStrategy
{
    int position;

    public string Name => "guided";
    public bool IsComplete => false;

    public bool PrepareExecution()
    {
        position = 0;
        return true;
    }

    public void OnTaskCreated(int taskId) { }

    public int PickTask(ReadOnlySpan<int> enabled, int previous, int step)
    {
        if (NextHint() is { Kind: ChoiceKind.Schedule } hint && enabled.IndexOf(hint.Value) is var hinted and >= 0)
            return hinted;
        int continuing = enabled.IndexOf(previous);
        return continuing >= 0 ? continuing : 0;
    }

    public int PickValue(ChoiceKind kind, int count, int step) =>
        NextHint() is { } hint && hint.Kind == kind && hint.Value < count ? hint.Value : 0;

    public void OnExecutionEnd(int steps) { }

    Choice? NextHint() => position < hints.Count ? hints[position++] : null;
}
