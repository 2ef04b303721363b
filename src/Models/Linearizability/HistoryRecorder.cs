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
    // One Operation per operation, made when it returns: until then its invocation waits here and the
    // operation's place holds null. Model runs record a dozen operations per execution, every execution.
    // Sized for a model run's history, so that neither list grows in most executions.
    readonly List<Operation> operations = new(16);
    readonly List<Invocation> invocations = new(16);
    readonly HistoryShape shape = new();
    int pending;

    /// <summary>What <see cref="Invoke"/> recorded of an operation.</summary>
    readonly record struct Invocation(int Client, string Name, Value[] Args, long Call);

    public ISpecification Specification => specification;

    /// <summary>The operations so far; those that have not returned are pending.</summary>
    public IReadOnlyList<Operation> Operations
    {
        get
        {
            if (pending == 0) return operations;
            var all = new List<Operation>(operations.Count);
            for (int i = 0; i < operations.Count; i++) all.Add(operations[i] ?? Pending(i));
            return all;
        }
    }

    /// <summary>Records the invocation of <paramref name="name"/> by the running task, now.</summary>
    public Call Invoke(string name, params Value[] args)
    {
        int id = operations.Count;
        invocations.Add(new Invocation(rt.CurrentTask, name, args, rt.Step));
        shape.Called(rt.Step, name, args, rt.CurrentTask);
        operations.Add(null!);
        pending++;
        rt.MarkRealTimeEvent(completes: false);
        if (rt.IsRecording) rt.Note($"invoke {specification.ShowInvocation(Pending(id))}");
        return new Call(id);
    }

    /// <summary>Records that the operation begun by <paramref name="call"/> returned <paramref name="result"/>, now.</summary>
    public void Return(Call call, Value result)
    {
        if (operations[call.Id] is { } done) throw new InvalidOperationException($"{done.Invocation} has already returned");
        var (client, name, args, at) = invocations[call.Id];
        var op = operations[call.Id] = new Operation(call.Id, client, name, args, result, at, rt.Step);
        shape.Returned(rt.Step, call.Id, result);
        pending--;
        rt.MarkRealTimeEvent(completes: true);
        if (rt.IsRecording)
        {
            var shown = specification.ShowResult(op);
            rt.Note($"return {specification.ShowInvocation(op)}{(shown.Length > 0 ? " -> " + shown : "")}");
        }
    }

    Operation Pending(int id)
    {
        var (client, name, args, at) = invocations[id];
        return new Operation(id, client, name, args, Value.Null, at, null);
    }

    /// <summary>
    /// Checks the history so far against the specification and, if no order explains it, ends the
    /// execution with <see cref="BugKind.NotLinearizable"/> and the smallest failing part as a table.
    /// </summary>
    public void CheckLinearizable()
    {
        var history = Operations;
        // Most executions' histories: no search, no verdict object; most of those were proved before.
        if (pending == 0 ? ProvenHistories.For(specification).LinearizesQuickly(history, shape) : specification.LinearizesQuickly(history)) return;
        var result = specification.Check(history);
        if (!result.IsLinearizable) rt.Fail(BugKind.NotLinearizable, () => result.Explain(specification));
    }

    /// <summary>An operation that has been invoked, to hand back to <see cref="Return"/>.</summary>
    public readonly record struct Call(int Id);
}
