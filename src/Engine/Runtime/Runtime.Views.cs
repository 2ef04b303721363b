namespace ModelCheck.Engine;

// The optional hook through which a model shows its state to people reading a replayed trace.
public sealed partial class Runtime
{
    /// <summary>
    /// Registers a view of the model's state (a bucket array, a tree) as text. Only while recording
    /// (a replay) does the runtime call <paramref name="describe"/>, after every step, and keep the text
    /// whenever it changed; the HTML report shows it under its step slider. During exploration this does
    /// nothing and costs nothing. <paramref name="describe"/> must be ghost code: read with
    /// <see cref="Cell{T}.Peek"/>, never with a recorded access.
    /// </summary>
    public void AddStateView(string name, Func<string> describe) => Recorder?.AddView(name, describe, null);

    /// <summary>
    /// Registers a view that is also drawn: the report's slider shows <paramref name="draw"/>'s picture
    /// (boxes, slots, arrows) and keeps <paramref name="describe"/>'s text beside it for snapshots and
    /// copying. Both are ghost code, called after every step of a replay only.
    /// </summary>
    public void AddStateView(string name, Func<string> describe, Func<StateDrawing> draw) => Recorder?.AddView(name, describe, draw);

    /// <summary>Under tso and ra, the engine's own view: each task's store buffer, or each location's modification order and the tasks' views.</summary>
    void AddMemoryView()
    {
        if (Recorder is { } recorder && Weak is { } weak) recorder.AddView("memory", null, weak.Draw);
    }
}
