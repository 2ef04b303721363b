using System.Text;

namespace ModelCheck.Models.Linearizability;

/// <summary>
/// The checker's verdict on a history: how many operations and independent parts it had and, when it is
/// not linearizable, the smallest part that no real-time-respecting order explains.
/// </summary>
public sealed record LinearizabilityResult(int Operations, int Partitions, SubHistory? Witness)
{
    public bool IsLinearizable => Witness is null;

    /// <summary>
    /// The witness as a message: one line saying what failed, then a table of its operations (task,
    /// operation, result, call and return times) with a timeline that shows which of them overlap.
    /// </summary>
    public string Explain(ISpecification spec)
    {
        if (Witness is not { } witness) return $"linearizable: {Operations} operations in {Partitions} independent part{(Partitions == 1 ? "" : "s")}";
        var about = witness.Label.Length > 0 ? witness.Label : $"the {spec.Name}";
        var text = new StringBuilder();
        text.Append($"not linearizable: no order of these {witness.Operations.Count} operations on {about} that respects real time explains their results\n");
        AppendTable(text, spec, witness.Operations);
        return text.ToString().TrimEnd('\n');
    }

    static void AppendTable(StringBuilder text, ISpecification spec, IReadOnlyList<Operation> ops)
    {
        var sorted = ops.OrderBy(o => o.Call).ThenBy(o => o.Client).ThenBy(o => o.Id).ToList();
        // Timeline columns: the distinct times, in order; each operation spans from its call to its return.
        var times = ops.SelectMany(o => o.Return is { } r ? new[] { o.Call, r } : [o.Call]).Distinct().Order().ToList();
        var rows = new List<string[]> { new[] { "task", "operation", "result", "call", "return", "timeline" } };
        foreach (var op in sorted)
        {
            int from = times.IndexOf(op.Call), to = op.Return is { } r ? times.IndexOf(r) : times.Count;
            var line = new StringBuilder(new string(' ', from * 2));
            line.Append('[').Append('-', Math.Max(0, (to - from) * 2 - 1));
            line.Append(op.IsPending ? ">" : "]");
            rows.Add([op.Client.ToString(), spec.ShowInvocation(op), spec.ShowResult(op), op.Call.ToString(),
                op.Return?.ToString() ?? "-", line.ToString()]);
        }
        var widths = Enumerable.Range(0, 6).Select(c => rows.Max(r => r[c].Length)).ToArray();
        foreach (var row in rows)
        {
            text.Append("  ");
            for (int c = 0; c < row.Length; c++)
            {
                bool right = c is 3 or 4;
                var cell = right ? row[c].PadLeft(widths[c]) : row[c].PadRight(widths[c]);
                text.Append(cell).Append(c < row.Length - 1 ? "  " : "");
            }
            text.Length = text.ToString().TrimEnd().Length;
            text.Append('\n');
        }
    }
}
