namespace ModelCheck.Models.Linearizability;

/// <summary>
/// A sequential specification as the checker and the command line see it, whatever its state type.
/// Implement <see cref="SequentialSpecification{TState}"/> rather than this.
/// </summary>
public interface ISpecification
{
    /// <summary>The name used in history files ("map", "register").</summary>
    string Name { get; }

    IReadOnlyList<Signature> Operations { get; }

    /// <summary>Null when <paramref name="history"/> is well formed for this specification, otherwise the first problem.</summary>
    string? Validate(IReadOnlyList<Operation> history);

    /// <summary>Whether some order of the operations that respects real time explains every result; unknown when <paramref name="budget"/> runs out first.</summary>
    LinearizabilityResult Check(IReadOnlyList<Operation> history, SearchBudget? budget = null);

    /// <summary>
    /// True when <paramref name="history"/> is well formed and complete and a small search, without the
    /// memo table of <see cref="Check"/>, finds an order that respects real time and explains every result:
    /// the history is linearizable. False proves nothing; <see cref="Check"/> decides.
    /// </summary>
    bool LinearizesQuickly(IReadOnlyList<Operation> history);

    /// <summary>The call of <paramref name="op"/> as people read it: Load(k2).</summary>
    string ShowInvocation(Operation op);

    /// <summary>The result of <paramref name="op"/> as people read it ("absent", "[1, true]", "" for none).</summary>
    string ShowResult(Operation op);
}

/// <summary>A part of a history that can be checked on its own, and what it is about ("key k2").</summary>
public sealed record SubHistory(string Label, IReadOnlyList<Operation> Operations);

/// <summary>
/// A deterministic sequential data type: an initial state and what each operation does to a state and
/// returns. The checker searches for an order of a concurrent history's operations, consistent with real
/// time, in which <see cref="Apply"/> reproduces every recorded result. States are values: Apply must not
/// mutate its argument, and equal states must have equal, deterministic hash codes (they key the
/// memoisation table).
/// </summary>
public abstract class SequentialSpecification<TState> : ISpecification where TState : IEquatable<TState>
{
    public abstract string Name { get; }

    public abstract IReadOnlyList<Signature> Operations { get; }

    public abstract TState Initial { get; }

    /// <summary>The state after <paramref name="op"/> and the result it returns. Only called for known operations of the right arity.</summary>
    public abstract TState Apply(TState state, Operation op, out Value result);

    /// <summary>
    /// Splits a history into sub-histories whose linearizability together means the whole history's
    /// (P-compositionality: operations on different keys of a map commute). The default keeps it whole.
    /// </summary>
    public virtual IEnumerable<SubHistory> Partition(IReadOnlyList<Operation> history) => [new SubHistory("", history)];

    /// <summary>
    /// What <see cref="Partition"/> splits by, for the quick check: operations with different keys commute, so
    /// each key's operations are searched apart; an operation with a null key relates to every other, and
    /// then the whole history is one part. The default keeps it whole.
    /// </summary>
    protected internal virtual Value PartKey(Operation op) => Value.Null;

    /// <summary>
    /// Whether <paramref name="op"/> takes part in every part of the quick check as an observation of that
    /// part's key (<see cref="Explains"/> says what it must have seen there), as Partition makes a map's
    /// Range one observation per key. Such an operation has no part of its own.
    /// </summary>
    protected internal virtual bool ObservesEveryPart(Operation op) => false;

    /// <summary>
    /// Whether <paramref name="op"/>, applied to <paramref name="state"/> in the part of <paramref name="partKey"/>
    /// (null: the whole history), gives its recorded result there; <paramref name="after"/> is the state after it.
    /// </summary>
    protected internal virtual bool Explains(TState state, Operation op, Value partKey, out TState after)
    {
        after = Apply(state, op, out var result);
        return result == op.Result;
    }

    /// <summary>
    /// Whether the parts the quick check makes of the complete, well-formed <paramref name="history"/> cover
    /// every part <see cref="Partition"/> makes (a key only a Range produced has no part of its own there).
    /// </summary>
    protected virtual bool PartsCover(IReadOnlyList<Operation> history) => true;

    /// <summary>Null when <paramref name="op"/>'s arguments make sense beyond their number; otherwise why not.</summary>
    protected virtual string? CheckArguments(Operation op) => null;

    // Operations as an array, taken once: every check looks up every operation's signature.
    Signature[]? signatures;

    public Signature? Find(string name)
    {
        var operations = signatures ??= [.. Operations];
        foreach (var signature in operations)
            if (signature.Name == name) return signature;
        return null;
    }

    public string? Validate(IReadOnlyList<Operation> history)
    {
        foreach (var op in history)
            if (Problem(op) is { } problem) return $"operation {op.Id} ({op.Name}): {problem}";
        return null;
    }

    string? Problem(Operation op)
    {
        if (Find(op.Name) is not { } signature)
            return $"'{Name}' has no operation '{op.Name}' (it has {string.Join(", ", Operations.Select(s => s.Name))})";
        if (op.Args.Count != signature.Arity)
            return $"takes {signature.Arity} argument{(signature.Arity == 1 ? "" : "s")}, got {op.Args.Count}";
        if (CheckArguments(op) is { } badArguments) return badArguments;
        if (op.Return is { } ret && ret < op.Call) return $"returns at {ret}, before its call at {op.Call}";
        if (!op.IsPending && signature.CheckResult(op.Result) is { } badResult) return badResult;
        return null;
    }

    public LinearizabilityResult Check(IReadOnlyList<Operation> history, SearchBudget? budget = null)
    {
        if (Validate(history) is { } problem) throw new ArgumentException(problem, nameof(history));
        return LinearizabilityChecker.Check(this, history, budget ?? SearchBudget.Unlimited);
    }

    public bool LinearizesQuickly(IReadOnlyList<Operation> history)
    {
        for (int i = 0; i < history.Count; i++)
            if (history[i].IsPending || Problem(history[i]) is not null) return false;
        // Enough for the usual few overlapping operations of a model run; a history that needs more goes to Check.
        return PartsCover(history) && LinearizabilityChecker.LinearizesQuickly(this, history, steps: 4 * history.Count + 64);
    }

    public virtual string ShowInvocation(Operation op) => op.Invocation;

    public virtual string ShowResult(Operation op) => op.IsPending ? "(pending)" : Find(op.Name)?.Show(op.Result) ?? op.Result.ToString();
}
