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
    public void AddStateView(string name, Func<string> describe) => Recorder?.AddView(name, describe);
}
