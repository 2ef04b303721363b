using System.Text;
using ModelCheck.Engine;

namespace ModelCheck.Maps.SwissMap;

// The map's state for the HTML report's step slider (Runtime.AddStateView), as text and as a picture: the
// Map fields, the directory (which table each slot holds), then every distinct table with its fields and
// its groups' control bytes and entries. The picture draws an arrow from each directory slot to its
// table, faints empty slots, colours tombstones, marks the slot each live iterator last yielded, and
// draws a table an iterator still walks after it was replaced (the stale table). Ghost code: Peek only, so describing the map records no access.
public sealed partial class SwissMap
{
    string Header() => $"used={used.Peek()} writing={writing.Peek()} clearSeq={clearSeq.Peek()} globalDepth={globalDepth.Peek()} dirLen={dirLen.Peek()}";

    static string TableHeader(Table table) =>
        $"capacity={table.Capacity} used={table.Used.Peek()} growthLeft={table.GrowthLeft.Peek()} localDepth={table.LocalDepth} index={table.Index.Peek()}";

    string DescribeState()
    {
        var text = new StringBuilder();
        text.Append(Header()).Append('\n');
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
            text.Append($"{table.Name}: {TableHeader(table)}\n");
            for (int g = 0; g < table.Groups.Count; g++) AppendGroup(text.Append($"  g{g}:"), table.Groups[g]).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>One group: each slot's control byte with its entry, e.g. "a=3 (h2 5a)", "-" for empty, "del" for a tombstone.</summary>
    static StringBuilder AppendGroup(StringBuilder text, Group g)
    {
        foreach (var slot in GroupSlots(g)) text.Append(' ').Append(slot.Text);
        return text;
    }

    static IEnumerable<DrawnSlot> GroupSlots(Group g, IReadOnlyDictionary<(Group, int), string>? iterators = null)
    {
        for (int i = 0; i < Group.Slots; i++)
        {
            byte ctrl = g.Ctrl.Peek()[i];
            var slot = ctrl switch
            {
                Ctrls.Empty => new DrawnSlot("-", Tone.Empty),
                Ctrls.Deleted => new DrawnSlot("del", Tone.Dead),
                _ => new DrawnSlot($"{g.Keys.Peek(i)?.Name ?? "0"}={g.Elems.Peek(i)} ({ctrl:x2})"),
            };
            yield return iterators is not null && iterators.TryGetValue((g, i), out var name) ? slot with { Tone = Tone.Marked, Markers = [name] } : slot;
        }
    }

    StateDrawing DrawState()
    {
        var panels = new List<DrawnPanel>();
        var arrows = new List<DrawnArrow>();
        var walking = iterators.Select((it, n) => (Position: it.GhostPosition, Name: $"it{n + 1}")).Where(p => p.Position is not null).ToList();
        // Two iterators may stand at the same slot: both names go under it.
        var positions = walking.GroupBy(p => (p.Position!.Value.Group, p.Position!.Value.Slot)).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(p => p.Name)));
        if (dirLen.Peek() == 0)
        {
            var rows = small.Peek() is { } g ? [new DrawnRow("small", [new DrawnBox("small", GroupSlots(g, positions).ToList())], [])] : new List<DrawnRow>();
            panels.Add(new DrawnPanel("small", small.Peek() is null ? "no storage yet" : "small group", rows));
            return new StateDrawing([Header()], panels, arrows);
        }
        var dir = directory.Peek()!;
        var slots = new List<DrawnRow>();
        for (int i = 0; i < dirLen.Peek(); i++)
        {
            slots.Add(new DrawnRow($"[{i}]", [new DrawnBox($"directory[{i}]", [new DrawnSlot(dir[i].Peek().Name)])], []));
            arrows.Add(new DrawnArrow($"directory[{i}]", dir[i].Peek().Name, ""));
        }
        panels.Add(new DrawnPanel("directory", "directory", slots));
        var live = GhostTables().ToList();
        var stale = walking.Select(p => p.Position!.Value.Table).OfType<Table>().Where(t => !live.Contains(t)).Distinct();
        foreach (var table in live.Concat(stale))
            panels.Add(new DrawnPanel(table.Name, $"{table.Name}: {TableHeader(table)}{(live.Contains(table) ? "" : " (replaced; an iterator still walks it)")}",
                table.Groups.Select((g, n) => new DrawnRow($"g{n}", [new DrawnBox($"{table.Name}.g{n}", GroupSlots(g, positions).ToList(), live.Contains(table) ? Tone.Plain : Tone.Evacuated)], [])).ToList()));
        return new StateDrawing([Header()], panels, arrows);
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
