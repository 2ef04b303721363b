namespace ModelCheck.Engine;

/// <summary>One line of a recorded execution: the step, the task that ran it, and what it did.</summary>
public sealed record RecordedEvent(int Step, int Task, string Text);

/// <summary>
/// What a state view showed after a step (recorded only when it changed): its text, and its picture
/// when the view draws one (the text is then the picture's <see cref="StateDrawing.ToText"/> unless the
/// model gives its own).
/// </summary>
public sealed record StateSnapshot(int Step, string View, string Text, StateDrawing? Drawing = null);

/// <summary>
/// Records what each step did, in words, for rendering a replayed trace, what the model's state views
/// showed after each step, and under a weak memory model which store each load read and the
/// modification order of every location (<see cref="Memory"/>). Only replay attaches one; exploration
/// runs without it so that recording costs nothing there.
/// </summary>
public sealed class ExecutionRecorder
{
    readonly List<RecordedEvent> events = [];
    readonly List<string> taskNames = [];
    readonly List<(string Name, Func<string>? Describe, Func<StateDrawing>? Draw, string? Last)> views = [];
    readonly List<StateSnapshot> snapshots = [];
    readonly List<int> stepTasks = [];

    public IReadOnlyList<RecordedEvent> Events => events;
    public IReadOnlyList<string> TaskNames => taskNames;
    public IReadOnlyList<StateSnapshot> Snapshots => snapshots;

    /// <summary>Loads, stores and modification orders under tso and ra; empty under sc.</summary>
    public MemoryLog Memory { get; } = new();

    /// <summary>The task that ran each step: element i ran step i + 1.</summary>
    public IReadOnlyList<int> StepTasks => stepTasks;

    internal void OnTaskCreated(string name) => taskNames.Add(name);

    internal void Add(int step, int task, string text) => events.Add(new RecordedEvent(step, task, text));

    internal void AddView(string name, Func<string>? describe, Func<StateDrawing>? draw) => views.Add((name, describe, draw, null));

    internal void AfterStep(int step, int task)
    {
        stepTasks.Add(task);
        for (int i = 0; i < views.Count; i++)
        {
            var (name, describe, draw, last) = views[i];
            var drawing = draw?.Invoke();
            var text = describe?.Invoke() ?? drawing!.ToText();
            // A picture changes only with its text form, which says everything the picture shows.
            var key = describe is null || drawing is null ? text : text + "\n" + drawing.ToText();
            if (key == last) continue;
            views[i] = (name, describe, draw, key);
            snapshots.Add(new StateSnapshot(step, name, text, drawing));
        }
    }
}
