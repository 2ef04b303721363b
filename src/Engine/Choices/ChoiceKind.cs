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
    /// <summary>Under tso or ra, which store a load reads; the value indexes the readable stores, newest first.</summary>
    ReadFrom,
    /// <summary>Under tso, before a step: 0 lets the step run, k drains the oldest store of the k-th non-empty buffer (at the end, when every task has finished, k-1).</summary>
    Drain,
    /// <summary>Under ra, where a store goes in its location's modification order; 0 is last, k is k places earlier.</summary>
    StorePlacement,
}

public static class ChoiceKindCodes
{
    /// <summary>The one-letter code a trace file uses for the kind ("s3" schedules task 3).</summary>
    public static char ToCode(this ChoiceKind kind) => kind switch
    {
        ChoiceKind.Schedule => 's',
        ChoiceKind.Data => 'd',
        ChoiceKind.ReadFrom => 'r',
        ChoiceKind.Drain => 'b',
        ChoiceKind.StorePlacement => 'w',
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParse(char code, out ChoiceKind kind)
    {
        switch (code)
        {
            case 's': kind = ChoiceKind.Schedule; return true;
            case 'd': kind = ChoiceKind.Data; return true;
            case 'r': kind = ChoiceKind.ReadFrom; return true;
            case 'b': kind = ChoiceKind.Drain; return true;
            case 'w': kind = ChoiceKind.StorePlacement; return true;
            default: kind = default; return false;
        }
    }
}
