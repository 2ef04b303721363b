using System.Text;

namespace ModelCheck.Maps.HashTrieMap;

// The trie as text for the HTML report's step slider (Runtime.AddStateView): each reachable indirect node
// with its non-nil slots, entries as chains "e4(k1: 10) -> e6(k3: 30)" (under H-1 the value a cell holds now), a node's lock holder and dead flag.
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
            var chain = new List<string>();
            for (var e = n as Entry; e is not null; e = e.Overflow.Peek()) chain.Add($"{e.Id}(k{e.Key}: {e.PeekValue})");
            text.Append(string.Join(" -> ", chain)).Append('\n');
        }
    }
}
