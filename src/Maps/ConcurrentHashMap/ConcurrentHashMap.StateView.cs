using System.Text;
using ModelCheck.Engine;

namespace ModelCheck.Maps.ConcurrentHashMap;

// The map's state for the HTML report's step slider (Runtime.AddStateView), as text and as a picture:
// sizeCtl, baseCount, transferIndex, then the bins of table and nextTable: list nodes as key=val chains,
// forwarding nodes as "fwd". The picture colours forwarding nodes, draws an arrow from each to the table
// it forwards to, and marks transferIndex, below which bins are still to be claimed for transfer.
// Ghost code: Peek only, so describing the map records no access and changes no schedule.
sealed partial class ConcurrentHashMap
{
    string Header() =>
        $"sizeCtl={sizeCtl.Peek()} baseCount={baseCount.Peek()}" + (nextTable.Peek() is not null ? $" transferIndex={transferIndex.Peek()}" : "");

    string DescribeState()
    {
        var text = new StringBuilder();
        text.Append(Header()).Append('\n');
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

    StateDrawing DrawState()
    {
        var panels = new List<DrawnPanel>();
        var arrows = new List<DrawnArrow>();
        var next = nextTable.Peek();
        if (table.Peek() is { } tab) panels.Add(DrawTable("table", tab, next is null ? -1 : transferIndex.Peek(), arrows));
        if (next is not null) panels.Add(DrawTable("nextTable", next, -1, arrows));
        return new StateDrawing([Header()], panels, arrows);
    }

    /// <summary>A table as a panel named by the table (so a forwarding node's arrow finds it), one row per bin.</summary>
    static DrawnPanel DrawTable(string field, Table tab, int transferCursor, List<DrawnArrow> arrows)
    {
        var rows = new List<DrawnRow>();
        for (int i = 0; i < tab.Length; i++)
        {
            var id = $"{tab.Name}[{i}]";
            var box = tab.Bins[i].Peek() switch
            {
                null => new DrawnBox(id, [new DrawnSlot("-")], Tone.Empty),
                ForwardingNode forward => new DrawnBox(id, [new DrawnSlot($"fwd -> {forward.NextTable.Name}")], Tone.Forwarded),
                var head => new DrawnBox(id, Table.PeekList(head).Select(n => new DrawnSlot($"{n.Label}={n.Val.Peek()}")).ToList()),
            };
            if (box.Tone == Tone.Forwarded) arrows.Add(new DrawnArrow(id, ((ForwardingNode)tab.Bins[i].Peek()!).NextTable.Name, "forwards", Tone.Forwarded));
            rows.Add(new DrawnRow($"[{i}]", [box], i == transferCursor ? ["transferIndex"] : []));
        }
        return new DrawnPanel(tab.Name, $"{field}: {tab.Name}", rows);
    }
}
