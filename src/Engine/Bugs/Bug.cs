namespace ModelCheck.Engine;

/// <summary>
/// A bug found in one execution: its kind, a message people read, the scheduling step it
/// happened at (1-based; 0 when it was found after the last step) and the task that was running.
/// </summary>
/// <remarks>
/// A run that keeps going after bugs keeps only the first of each kind and counts the rest, so a message
/// that is costly to write (a linearizability witness table) can be given as a function, called when the
/// message is first read. It must depend only on what it captured, not on the runtime, which goes on to
/// the next execution. Equality is by the message's text.
/// </remarks>
public sealed record Bug
{
    string? message;
    readonly Func<string>? describe;

    public Bug(BugKind Kind, string Message, int Step, int Task)
    {
        this.Kind = Kind;
        message = Message;
        this.Step = Step;
        this.Task = Task;
    }

    internal Bug(BugKind kind, Func<string> describe, int step, int task)
    {
        Kind = kind;
        this.describe = describe;
        Step = step;
        Task = task;
    }

    public BugKind Kind { get; init; }

    public string Message
    {
        // Two threads may both write it: to the same text.
        get => message ??= describe!();
        init => message = value;
    }

    public int Step { get; init; }

    public int Task { get; init; }

    public bool Equals(Bug? other) =>
        other is not null && Kind == other.Kind && Step == other.Step && Task == other.Task && Message == other.Message;

    public override int GetHashCode() => HashCode.Combine(Kind, Message, Step, Task);

    public void Deconstruct(out BugKind Kind, out string Message, out int Step, out int Task) =>
        (Kind, Message, Step, Task) = (this.Kind, this.Message, this.Step, this.Task);
}
