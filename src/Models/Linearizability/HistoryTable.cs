using System.Text;

namespace ModelCheck.Models.Linearizability;

/// <summary>
/// Operations as a table people read: task, operation, result, call and return times, and a timeline
/// that shows which calls overlap. The witness of a failed check, or any recorded history.
/// </summary>
public static class HistoryTable
{
    /// <summary>The table of <paramref name="ops"/>, one line per operation in call order, each line indented by two spaces.</summary>
    public static string Render(ISpecification spec, IReadOnlyList<Operation> ops)
    {
        var text = new StringBuilder();
        Append(text, spec, ops);
        return text.ToString().TrimEnd('\n');
    }

    public static void Append(StringBuilder text, ISpecification spec, IReadOnlyList<Operation> ops)
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
