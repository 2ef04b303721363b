namespace ModelCheck.Models.Linearizability;

/// <summary>What an operation returns, for validating recorded histories and for printing results.</summary>
public enum ResultShape
{
    /// <summary>Nothing (Store, write): the recorded result must be null.</summary>
    None,
    /// <summary>A value, or null for "absent" (Load, read, Swap's previous value).</summary>
    Value,
    /// <summary>true or false (CompareAndSwap, cas).</summary>
    Boolean,
    /// <summary>A list [value, bool] (LoadOrStore's actual value and whether it was loaded).</summary>
    ValueAndFlag,
    /// <summary>A list of [key, value] lists (Range).</summary>
    Pairs,
}

/// <summary>One operation a specification knows: its name, how many arguments it takes, what it returns.</summary>
public sealed record Signature(string Name, int Arity, ResultShape Result)
{
    /// <summary>Null when <paramref name="result"/> has this operation's shape, otherwise what is wrong.</summary>
    public string? CheckResult(Value result) => Result switch
    {
        ResultShape.None => result.IsNull ? null : "returns nothing, so its result must be null",
        ResultShape.Value => result.IsList ? "returns a single value or null" : null,
        ResultShape.Boolean => result.IsBoolean ? null : "returns true or false",
        ResultShape.ValueAndFlag => result.IsList && result.Items.Count == 2 && !result.Items[0].IsNull && result.Items[1].IsBoolean
            ? null : "returns [value, loaded]",
        _ => result.IsList && result.Items.All(p => p.IsList && p.Items.Count == 2 && !p.Items[1].IsNull)
            ? null : "returns a list of [key, value] pairs",
    };

    /// <summary>The result as people read it: "absent" for a missing value, nothing for an operation without one.</summary>
    public string Show(Value result) => Result switch
    {
        ResultShape.None => "",
        ResultShape.Value when result.IsNull => "absent",
        _ => result.ToString(),
    };
}
