using ModelCheck.Engine;

namespace ModelCheck.Models.Linearizability;

/// <summary>
/// Records the history of one execution for a linearizability check: scenarios call <see cref="Invoke"/>
/// before an operation's first scheduling point and <see cref="Return"/> after its last, and
/// <see cref="CheckLinearizable"/> once the tasks are joined. Times are the runtime's step numbers and
/// clients are task ids. In a replay each call also notes "invoke Load(k2)" / "return Load(k2) -> absent"
/// in the trace, so the rendered interleaving shows every operation as a span of steps.
/// </summary>
/// <example>
/// <code>
/// var history = new HistoryRecorder(rt, MapSpecification.Instance);
/// var call = history.Invoke("Load", "k2");
/// var (value, ok) = await map.Load("k2");
/// history.Return(call, ok ? value : Value.Null);
/// ...
/// history.CheckLinearizable();   // fails the execution with BugKind.NotLinearizable and the witness
/// </code>
/// </example>
public sealed class HistoryRecorder(Runtime rt, ISpecification specification)
{
    readonly List<Operation> operations = [];

    public ISpecification Specification => specification;

    /// <summary>The operations so far; those that have not returned are pending.</summary>
    public IReadOnlyList<Operation> Operations => operations;

    /// <summary>Records the invocation of <paramref name="name"/> by the running task, now.</summary>
    public Call Invoke(string name, params Value[] args)
    {
        var op = new Operation(operations.Count, rt.CurrentTask, name, args, Value.Null, rt.Step, null);
        operations.Add(op);
        rt.MarkRealTimeEvent(completes: false);
        if (rt.IsRecording) rt.Note($"invoke {specification.ShowInvocation(op)}");
        return new Call(op.Id);
    }

    /// <summary>Records that the operation begun by <paramref name="call"/> returned <paramref name="result"/>, now.</summary>
    public void Return(Call call, Value result)
    {
        var op = operations[call.Id];
        if (!op.IsPending) throw new InvalidOperationException($"{op.Invocation} has already returned");
        op = operations[call.Id] = op with { Result = result, Return = rt.Step };
        rt.MarkRealTimeEvent(completes: true);
        if (rt.IsRecording)
        {
            var shown = specification.ShowResult(op);
            rt.Note($"return {specification.ShowInvocation(op)}{(shown.Length > 0 ? " -> " + shown : "")}");
        }
    }

    /// <summary>
    /// Checks the history so far against the specification and, if no order explains it, ends the
    /// execution with <see cref="BugKind.NotLinearizable"/> and the smallest failing part as a table.
    /// </summary>
    public void CheckLinearizable()
    {
        // Most executions' histories: no search, no verdict object.
        if (specification.LinearizesQuickly(operations)) return;
        var result = specification.Check(operations);
        if (!result.IsLinearizable) rt.Fail(BugKind.NotLinearizable, result.Explain(specification));
    }

    /// <summary>An operation that has been invoked, to hand back to <see cref="Return"/>.</summary>
    public readonly record struct Call(int Id);
}
