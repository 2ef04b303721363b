using System.Text;

namespace ModelCheck.Maps.SwissMap;

// The map's state as text for the HTML report's step slider (Runtime.AddStateView): the Map fields, the
// directory (which table each slot holds), then every distinct table with its fields and its groups'
// control bytes and entries. Ghost code: Peek only, so describing the map records no access.
public sealed partial class SwissMap
{
    string DescribeState()
    {
        var text = new StringBuilder();
        text.Append($"used={used.Peek()} writing={writing.Peek()} clearSeq={clearSeq.Peek()} globalDepth={globalDepth.Peek()} dirLen={dirLen.Peek()}\n");
        if (dirLen.Peek() == 0)
        {
            if (small.Peek() is { } g) AppendGroup(text.Append("small group:"), g).Append('\n');
            else text.Append("no storage yet\n");
            return text.ToString();
        }
        var dir = directory.Peek()!;
        text.Append("directory:");
        for (int i = 0; i < dirLen.Peek(); i++) text.Append($" [{i}] {dir[i].Peek().Name}");
        text.Append('\n');
        foreach (var table in GhostTables())
        {
            text.Append($"{table.Name}: capacity={table.Capacity} used={table.Used.Peek()} growthLeft={table.GrowthLeft.Peek()} localDepth={table.LocalDepth} index={table.Index.Peek()}\n");
            for (int g = 0; g < table.Groups.Count; g++) AppendGroup(text.Append($"  g{g}:"), table.Groups[g]).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>One group: each slot's control byte with its entry, e.g. "a=3 (h2 5a)", "-" for empty, "del" for a tombstone.</summary>
    static StringBuilder AppendGroup(StringBuilder text, Group g)
    {
        for (int i = 0; i < Group.Slots; i++)
        {
            byte ctrl = g.Ctrl.Peek()[i];
            text.Append(' ').Append(ctrl switch
            {
                Ctrls.Empty => "-",
                Ctrls.Deleted => "del",
                _ => $"{g.Keys[i].Peek()?.Name ?? "0"}={g.Elems[i].Peek()} ({ctrl:x2})",
            });
        }
        return text;
    }

    /// <summary>The distinct live tables in directory order (a table fills a run of consecutive slots).</summary>
    internal IEnumerable<Table> GhostTables()
    {
        var dir = directory.Peek();
        Table? last = null;
        for (int i = 0; i < dirLen.Peek(); i++)
        {
            var table = dir![i].Peek();
            if (table == last) continue;
            last = table;
            yield return table;
        }
    }
}
