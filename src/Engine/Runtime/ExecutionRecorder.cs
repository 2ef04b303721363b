namespace ModelCheck.Engine;

/// <summary>One line of a recorded execution: the step, the task that ran it, and what it did.</summary>
public sealed record RecordedEvent(int Step, int Task, string Text);

/// <summary>
/// Records what each step did, in words, for rendering a replayed trace. Only replay attaches one;
/// exploration runs without it so that recording costs nothing there.
/// </summary>
public sealed class ExecutionRecorder
{
    readonly List<RecordedEvent> events = [];
    readonly List<string> taskNames = [];

    public IReadOnlyList<RecordedEvent> Events => events;
    public IReadOnlyList<string> TaskNames => taskNames;

    internal void OnTaskCreated(string name) => taskNames.Add(name);

    internal void Add(int step, int task, string text) => events.Add(new RecordedEvent(step, task, text));
}
