using Microsoft.Coyote.Specifications;
using ModelCheck.Engine;
using ModelCheck.Models.Linearizability;

namespace ModelCheck.Coyote;

/// <summary>
/// A history of ordinary .NET code's operations, recorded in a Coyote test and checked with our
/// linearizability checker. Each call gets <see cref="Invoke"/> before it starts and <see cref="Return"/>
/// after it ends; times come from a logical clock (one tick per record, in the order Coyote runs them),
/// clients are numbers the test gives. A failed check is a Coyote bug whose message is our witness table
/// with its timeline, so `coyote test` prints it and `coyote replay` reproduces it.
/// </summary>
/// <example>
/// <code>
/// var history = new CoyoteHistory(MapSpecification.Instance);
/// var call = history.Invoke(client: 1, "LoadOrStore", "k1", 10);
/// var (actual, loaded) = cache.GetOrAdd("k1", 10);
/// history.Return(call, Value.List(actual, loaded));
/// ...                                 // after awaiting the tasks:
/// history.AssertLinearizable();
/// </code>
/// </example>
public sealed class CoyoteHistory(ISpecification specification)
{
    readonly List<Operation> operations = [];
    long clock;

    public IReadOnlyList<Operation> Operations => operations;

    /// <summary>Records that <paramref name="client"/> calls <paramref name="name"/>(<paramref name="args"/>), now.</summary>
    public HistoryRecorder.Call Invoke(int client, string name, params Value[] args)
    {
        // Coyote runs one controlled operation at a time, but the lock keeps the history whole when the
        // same code runs outside Coyote.
        lock (operations)
        {
            operations.Add(new Operation(operations.Count, client, name, args, Value.Null, ++clock, null));
            return new HistoryRecorder.Call(operations.Count - 1);
        }
    }

    /// <summary>Records that the call begun by <paramref name="call"/> returned <paramref name="result"/>, now.</summary>
    public void Return(HistoryRecorder.Call call, Value result)
    {
        lock (operations)
        {
            var op = operations[call.Id];
            if (!op.IsPending) throw new InvalidOperationException($"{op.Invocation} has already returned");
            operations[call.Id] = op with { Result = result, Return = ++clock };
        }
    }

    /// <summary>Checks the history; if no order explains it, a Coyote bug <c>[not-linearizable]</c> with our witness table and timeline.</summary>
    public void AssertLinearizable()
    {
        var result = specification.Check(Snapshot());
        if (!result.IsLinearizable)
            Specification.Assert(false, "{0}", $"[{BugKind.NotLinearizable.ToName()}] {result.Explain(specification)}");
    }

    /// <summary>
    /// A property of the test beyond linearizability (a side effect that must happen once, say): when it
    /// fails, a Coyote bug <c>[assertion]</c> with <paramref name="message"/> and the whole history as a
    /// table, so the overlapping calls that caused it are in the report.
    /// </summary>
    public void Assert(bool condition, string message)
    {
        if (!condition)
            Specification.Assert(false, "{0}",
                $"[{BugKind.AssertionFailure.ToName()}] {message}\n{HistoryTable.Render(specification, Snapshot())}");
    }

    List<Operation> Snapshot()
    {
        lock (operations) return [.. operations];
    }
}
