namespace ModelCheck.Engine;

/// <summary>
/// A wakeup tree (Abdulla, Aronis, Jonsson and Sagonas, JACM 2017, section 6): the ordered set of step
/// sequences that must still be explored from one point. Each sequence reverses a race found in an
/// earlier execution; exploring the leftmost one first and the others after it, each from its start,
/// reaches every trace they stand for without ever starting an execution that can only repeat one.
/// A sequence is inserted only when no sequence already in the tree leads to the same trace: that test
/// (<see cref="Follows"/>) is what makes the exploration optimal.
/// </summary>
internal sealed class WakeupTree
{
    public sealed class Node(WakeupEvent step)
    {
        public WakeupEvent Step { get; } = step;
        public List<Node> Children { get; } = [];

        public Node Copy()
        {
            var copy = new Node(Step);
            foreach (var child in Children) copy.Children.Add(child.Copy());
            return copy;
        }
    }

    /// <summary>The first steps of the sequences, in the order they are to be explored.</summary>
    public List<Node> Roots { get; } = [];

    public bool IsEmpty => Roots.Count == 0;

    /// <summary>A tree holding a copy of the sequences under <paramref name="node"/>.</summary>
    public static WakeupTree Below(Node? node)
    {
        var tree = new WakeupTree();
        if (node is not null)
            foreach (var child in node.Children) tree.Roots.Add(child.Copy());
        return tree;
    }

    /// <summary>
    /// Adds <paramref name="w"/> unless the tree already leads to its trace: finds the first node in
    /// post-order (the order exploration reaches them) whose sequence u can be extended to an execution
    /// equivalent to one extending w. A leaf so found already covers w; under an inner node (or the root)
    /// the rest of w, less what u already does, goes in as its last branch.
    /// </summary>
    public void Insert(List<WakeupEvent> w)
    {
        if (Find(Roots, w) is not var (children, rest)) return; // a leaf already covers w
        if (rest.Count == 0) return;
        var branch = new Node(rest[0]);
        children.Add(branch);
        for (int i = 1; i < rest.Count; i++)
        {
            var next = new Node(rest[i]);
            branch.Children.Add(next);
            branch = next;
        }
    }

    // Post-order search below a node whose sequence so far is compatible with w, of which `remaining` is left.
    // Null: a leaf covers w. Otherwise the children list to insert under, and the rest of w to insert.
    static (List<Node> Children, List<WakeupEvent> Remaining)? Find(List<Node> children, List<WakeupEvent> remaining)
    {
        foreach (var child in children)
        {
            if (Follows(child.Step, remaining) is not { } rest) continue;
            if (child.Children.Count == 0) return null;
            return Find(child.Children, rest);
        }
        return (children, remaining);
    }

    /// <summary>
    /// One step of the test "u ~ w" (u and w have equivalent extensions): with <paramref name="step"/> the
    /// next step of u, either it is an initial of w (its task's first step in w has no step of w before
    /// it that it depends on), and w goes on without it; or its task is not in w and it is independent
    /// of every step of w, and w goes on whole; else null: u leads elsewhere.
    /// </summary>
    public static List<WakeupEvent>? Follows(WakeupEvent step, List<WakeupEvent> w)
    {
        int first = w.FindIndex(e => e.Task == step.Task);
        if (first >= 0)
        {
            if (!w[first].SameChoicesAs(step) || !IsInitial(w, first)) return null;
            var rest = new List<WakeupEvent>(w);
            rest.RemoveAt(first);
            return rest;
        }
        foreach (var e in w)
            if (e.DependsOn(step)) return null;
        return w;
    }

    /// <summary>Whether the step at <paramref name="index"/> depends on no earlier step of <paramref name="w"/>: it could go first.</summary>
    public static bool IsInitial(List<WakeupEvent> w, int index)
    {
        for (int j = 0; j < index; j++)
            if (w[index].DependsOn(w[j])) return false;
        return true;
    }

    /// <summary>
    /// Whether the task of <paramref name="sleeper"/>, asleep with that next step, is a weak initial of
    /// <paramref name="w"/>: its first step in w could go first, or it is not in w and commutes with all of w.
    /// Exploring it first, as was done, then reached an execution that w's trace extends.
    /// </summary>
    public static bool IsWeakInitial(List<WakeupEvent> w, int sleeper, Footprint step)
    {
        int first = w.FindIndex(e => e.Task == sleeper);
        if (first >= 0) return IsInitial(w, first);
        var asleep = new WakeupEvent(sleeper, step, null, 0, 0, Unknown: false);
        foreach (var e in w)
            if (e.DependsOn(asleep)) return false;
        return true;
    }
}
