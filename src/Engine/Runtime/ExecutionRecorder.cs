namespace ModelCheck.Engine;

/// <summary>One line of a recorded execution: the step, the task that ran it, and what it did.</summary>
public sealed record RecordedEvent(int Step, int Task, string Text);

/// <summary>The text a state view showed after a step (recorded only when it changed).</summary>
public sealed record StateSnapshot(int Step, string View, string Text);

/// <summary>
/// Records what each step did, in words, for rendering a replayed trace, and what the model's state
/// views showed after each step. Only replay attaches one; exploration runs without it so that
/// recording costs nothing there.
/// </summary>
public sealed class ExecutionRecorder
{
    readonly List<RecordedEvent> events = [];
    readonly List<string> taskNames = [];
    readonly List<(string Name, Func<string> Describe, string? Last)> views = [];
    readonly List<StateSnapshot> snapshots = [];
    readonly List<int> stepTasks = [];

    public IReadOnlyList<RecordedEvent> Events => events;
    public IReadOnlyList<string> TaskNames => taskNames;
    public IReadOnlyList<StateSnapshot> Snapshots => snapshots;

    /// <summary>The task that ran each step: element i ran step i + 1.</summary>
    public IReadOnlyList<int> StepTasks => stepTasks;

    internal void OnTaskCreated(string name) => taskNames.Add(name);

    internal void Add(int step, int task, string text) => events.Add(new RecordedEvent(step, task, text));

    internal void AddView(string name, Func<string> describe) => views.Add((name, describe, null));

    internal void AfterStep(int step, int task)
    {
        stepTasks.Add(task);
        for (int i = 0; i < views.Count; i++)
        {
            var (name, describe, last) = views[i];
            var text = describe();
            if (text == last) continue;
            views[i] = (name, describe, text);
            snapshots.Add(new StateSnapshot(step, name, text));
        }
    }
}
