namespace ModelCheck.Models.Linearizability;

/// <summary>
/// One operation of a concurrent history: which client (task) ran it, what it was, what it returned,
/// and when it was invoked and when it returned, as integer times (scheduling steps in a model run).
/// <see cref="Return"/> is null for an operation that never returned: it may or may not have taken
/// effect, and its <see cref="Result"/> is unknown.
/// </summary>
/// <remarks>
/// Real-time order: A precedes B when A returned before B was invoked. Times may tie, because one step
/// can hold several recorder calls; an operation that returns at time t precedes every operation invoked
/// at t or later, except that an operation invoked and returned at the same time t only precedes
/// operations invoked after t.
/// </remarks>
public sealed record Operation(int Id, int Client, string Name, IReadOnlyList<Value> Args, Value Result, long Call, long? Return)
{
    public bool IsPending => Return is null;

    /// <summary>The call as people write it: Load(k2), Store(k1, 4), read().</summary>
    public string Invocation => $"{Name}({string.Join(", ", Args)})";

    public override string ToString() => IsPending ? $"{Invocation} pending" : $"{Invocation} -> {Result}";
}
