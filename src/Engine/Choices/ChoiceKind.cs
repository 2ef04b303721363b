namespace ModelCheck.Engine;

/// <summary>
/// The kinds of decision an execution asks its strategy for. Each is recorded in the trace in order;
/// nothing else may decide anything.
/// </summary>
public enum ChoiceKind : byte
{
    /// <summary>Which enabled task runs next; the value is the task id.</summary>
    Schedule,
    /// <summary>A data choice the scenario asked for (<see cref="Runtime.Choose"/>); the value is in [0, n).</summary>
    Data,
}

public static class ChoiceKindCodes
{
    /// <summary>The one-letter code a trace file uses for the kind ("s3" schedules task 3).</summary>
    public static char ToCode(this ChoiceKind kind) => kind switch
    {
        ChoiceKind.Schedule => 's',
        ChoiceKind.Data => 'd',
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(char code, out ChoiceKind kind)
    {
        switch (code)
        {
            case 's': kind = ChoiceKind.Schedule; return true;
            case 'd': kind = ChoiceKind.Data; return true;
            default: kind = default; return false;
        }
    }
}
