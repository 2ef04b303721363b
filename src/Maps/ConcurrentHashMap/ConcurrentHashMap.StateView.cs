using System.Text;

namespace ModelCheck.Maps.ConcurrentHashMap;

// The map's state as text for the HTML report's step slider (Runtime.AddStateView): sizeCtl, baseCount,
// transferIndex, then the bins of table and nextTable: list nodes as key=val chains, forwarding nodes as
// "fwd". Ghost code: Peek only, so describing the map records no access and changes no schedule.
sealed partial class ConcurrentHashMap
{
    string DescribeState()
    {
        var text = new StringBuilder();
        text.Append($"sizeCtl={sizeCtl.Peek()} baseCount={baseCount.Peek()}");
        if (nextTable.Peek() is not null) text.Append($" transferIndex={transferIndex.Peek()}");
        text.Append('\n');
        AppendTable(text, "table", table.Peek());
        if (nextTable.Peek() is { } next) AppendTable(text, "nextTable", next);
        return text.ToString();
    }

    static void AppendTable(StringBuilder text, string field, Table? tab)
    {
        text.Append(field).Append(": ").Append(tab?.Name ?? "null").Append('\n');
        if (tab is null) return;
        for (int i = 0; i < tab.Length; i++)
        {
            var head = tab.Bins[i].Peek();
            text.Append($"  [{i}] ");
            text.Append(head switch
            {
                null => "-",
                ForwardingNode forward => $"fwd -> {forward.NextTable.Name}",
                _ => string.Join(" -> ", Table.PeekList(head).Select(n => $"{n.Label}={n.Val.Peek()}")),
            });
            text.Append('\n');
        }
    }
}
