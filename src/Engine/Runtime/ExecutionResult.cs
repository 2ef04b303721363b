namespace ModelCheck.Engine;

public enum ExecutionStatus
{
    /// <summary>Every task finished and nothing went wrong.</summary>
    Passed,
    BugFound,
    /// <summary>The step bound cut the execution off, and the settings say that is not a bug.</summary>
    BoundReached,
    /// <summary>A reducing strategy stopped the execution: every way on was asleep, so it would repeat one already explored.</summary>
    Redundant,
    /// <summary>A stop request (Ctrl-C, the time budget) ended the execution before it could end by itself.</summary>
    Stopped,
}

/// <summary>How one execution ended. The choices that led there stay in the runtime's <see cref="ChoiceLog"/>.</summary>
public readonly record struct ExecutionResult(ExecutionStatus Status, Bug? Bug, int Steps);
