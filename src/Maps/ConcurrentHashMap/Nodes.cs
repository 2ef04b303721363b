using ModelCheck.Engine;
using ModelCheck.Maps.Basics;

namespace ModelCheck.Maps.ConcurrentHashMap;

/// <summary>
/// A bin entry. As in ConcurrentHashMap the kind is told apart by the final <see cref="Hash"/> field:
/// non-negative for a list node, <see cref="ForwardingNode.Moved"/> for a forwarding node. Final fields are
/// plain C# fields: the model gives them Java's final-field publication (visible wherever the node is).
/// </summary>
abstract class Node(int hash)
{
    public readonly int Hash = hash;
}

/// <summary>
/// A list node: final hash and key, volatile <c>val</c> and <c>next</c> (controlled cells, seq_cst), and the
/// monitor that <c>synchronized (f)</c> takes when the node heads a bin. Keys are their own spread hash, so the
/// test chooses every bin; <see cref="Label"/> names the node in traces ("k5", its clones "k5'"). Nodes are
/// made in every execution, so the node names its cells and monitor only when a trace or message reads them.
/// </summary>
sealed class ListNode : Node, INameSource
{
    public readonly int Key;
    /// <summary>How many transfers copied this node from the one it was cloned from (one prime each in its label).</summary>
    public readonly int Clones;
    public readonly Cell<int> Val;
    public readonly Cell<Node?> Next;
    public readonly Mutex Monitor;

    /// <summary>Ghost (C-5): set when a transfer cloned this node, so it is reachable only from a forwarded bin.</summary>
    public bool Detached;

    public ListNode(Runtime rt, int key, int clones, int val, Node? next) : base(key)
    {
        Key = key;
        Clones = clones;
        Val = rt.NewCell(this, ValPart, val);
        Next = rt.NewCell(this, NextPart, next);
        Monitor = rt.NewMutex(this, MonitorPart);
    }

    const int ValPart = 0, NextPart = 1, MonitorPart = 2;

    public string Label => KeyNames.Of(Key) + new string('\'', Clones);

    string INameSource.NameOf(int part) => part switch
    {
        ValPart => $"{Label}.val",
        NextPart => $"{Label}.next",
        _ => $"monitor({Label})",
    };

    public override string ToString() => Label;
}

/// <summary>
/// Placed in an old bin once its contents are in the next table. Its <see cref="NextTable"/> is final; lookups
/// that meet it continue there, writers that meet it help the resize.
/// </summary>
sealed class ForwardingNode(Table nextTable) : Node(Moved)
{
    public const int Moved = -1;

    public readonly Table NextTable = nextTable;

    public override string ToString() => $"fwd->{NextTable}";
}

/// <summary>A table: its bins as controlled cells (read with tabAt, written with casTabAt/setTabAt).</summary>
sealed class Table(Runtime rt, string name, int length, Table? earlier)
{
    public readonly string Name = name;
    public readonly int Length = length;
    /// <summary>Ghost: the table the map made before this one, if any (the map's tables, newest first).</summary>
    public readonly Table? Earlier = earlier;
    public readonly CellArray<Node?> Bins = rt.NewCellArray<Node?>(name, length, null);

    public override string ToString() => Name;

    /// <summary>Ghost: the list nodes of bin <paramref name="i"/>, read without recording anything.</summary>
    public IEnumerable<ListNode> PeekBin(int i) => PeekList(Bins.Peek(i));

    /// <summary>Ghost: the list starting at <paramref name="head"/> (nothing for a forwarding node).</summary>
    public static IEnumerable<ListNode> PeekList(Node? head)
    {
        for (var e = head; e is ListNode node; e = node.Next.Peek()) yield return node;
    }
}
