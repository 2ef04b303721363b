namespace ModelCheck.Engine;

/// <summary>
/// A bug found in one execution: its kind, a message people read, the scheduling step it
/// happened at (1-based; 0 when it was found after the last step) and the task that was running.
/// </summary>
public sealed record Bug(BugKind Kind, string Message, int Step, int Task);
