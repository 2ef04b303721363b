using System.Text;
using ModelCheck.Engine;

namespace ModelCheck.Maps.HashTrieMap;

// The trie for the HTML report's step slider (Runtime.AddStateView), as text and as a picture: each
// reachable indirect node with its non-nil slots, entries as chains "e4(k1: 10) -> e6(k3: 30)" (under H-1
// the value a cell holds now), a node's lock and dead flag. The picture draws each node as a box of its
// non-nil slots, coloured when locked or dead, with an arrow from each node to its child nodes.
// Ghost code: Peek only, so describing the trie records no access and changes no schedule.
sealed partial class HashTrieMap
{
    string DescribeState()
    {
        var text = new StringBuilder();
        text.Append($"hash {hash.Description}\n");
        if (root.Peek() is not { } top) return text.Append("root: nil (not inited)\n").ToString();
        text.Append("root: ");
        AppendNode(text, top, "");
        return text.ToString();
    }

    static void AppendNode(StringBuilder text, Indirect i, string indent)
    {
        text.Append(i.Name);
        if (i.Mu.IsLocked) text.Append(" (locked)");
        if (i.Dead.Peek()) text.Append(" (dead)");
        text.Append('\n');
        for (int j = 0; j < Indirect.ChildCount; j++)
        {
            var n = i.Children[j].Peek();
            if (n is null) continue;
            text.Append($"{indent}  [{j:x}] ");
            if (n is Indirect child)
            {
                AppendNode(text, child, indent + "  ");
                continue;
            }
            text.Append(Chain((Entry)n)).Append('\n');
        }
    }

    static string Chain(Entry head)
    {
        var chain = new List<string>();
        for (var e = head; e is not null; e = e.Overflow.Peek()) chain.Add($"{e.Id}(k{e.Key}: {e.PeekValue})");
        return string.Join(" -> ", chain);
    }

    StateDrawing DrawState()
    {
        var rows = new List<DrawnRow>();
        var arrows = new List<DrawnArrow>();
        if (root.Peek() is { } top) DrawNode(top, "root", rows, arrows);
        return new StateDrawing([$"hash {hash.Description}"], [new DrawnPanel("trie", root.Peek() is null ? "root: nil (not inited)" : "trie", rows)], arrows);
    }

    static void DrawNode(Indirect i, string path, List<DrawnRow> rows, List<DrawnArrow> arrows)
    {
        var slots = new List<DrawnSlot>();
        var children = new List<(Indirect Node, string Path)>();
        for (int j = 0; j < Indirect.ChildCount; j++)
        {
            switch (i.Children[j].Peek())
            {
                case Indirect child:
                    slots.Add(new DrawnSlot($"[{j:x}] {child.Name}"));
                    children.Add((child, $"{path}[{j:x}]"));
                    arrows.Add(new DrawnArrow(i.Name, child.Name, $"{j:x}"));
                    break;
                case Entry entry:
                    slots.Add(new DrawnSlot($"[{j:x}] {Chain(entry)}"));
                    break;
            }
        }
        if (slots.Count == 0) slots.Add(new DrawnSlot("empty", Tone.Empty));
        var tone = i.Dead.Peek() ? Tone.Dead : i.Mu.IsLocked ? Tone.Held : Tone.Plain;
        rows.Add(new DrawnRow($"{path} {i.Name}", [new DrawnBox(i.Name, slots, tone)], []));
        foreach (var (child, childPath) in children) DrawNode(child, childPath, rows, arrows);
    }
}
