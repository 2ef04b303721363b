namespace ModelCheck.Engine;

/// <summary>
/// One step down from an order, as C11 ranks them for each kind of access: a load goes seq_cst, acquire,
/// relaxed; a store seq_cst, release, relaxed; a read-modify-write or fence seq_cst, acq_rel, then acquire
/// and release (two ways down), then relaxed. A relaxed fence does nothing: it is the fence removed.
/// </summary>
public static class OrderLadder
{
    public static IReadOnlyList<MemoryOrder> Weaker(OpKind kind, MemoryOrder order) => (Shape(kind), order) switch
    {
        (_, MemoryOrder.Plain or MemoryOrder.Relaxed) => [],
        (Kind.Load, MemoryOrder.SeqCst or MemoryOrder.AcqRel) => [MemoryOrder.Acquire],
        (Kind.Store, MemoryOrder.SeqCst or MemoryOrder.AcqRel) => [MemoryOrder.Release],
        (Kind.Both, MemoryOrder.SeqCst) => [MemoryOrder.AcqRel],
        (Kind.Both, MemoryOrder.AcqRel) => [MemoryOrder.Acquire, MemoryOrder.Release],
        _ => [MemoryOrder.Relaxed],
    };

    /// <summary>The order's name, and "removed" for a relaxed fence.</summary>
    public static string Name(OpKind kind, MemoryOrder order) => kind == OpKind.Fence && order == MemoryOrder.Relaxed ? "removed" : order.ToName();

    /// <summary>
    /// True when x86-TSO runs the access differently under the two orders: only a seq_cst store or fence
    /// does anything more than its weaker forms there (it drains the store buffer); loads, read-modify-writes
    /// and the other orders compile to the same instructions.
    /// </summary>
    public static bool DiffersUnderTso(OpKind kind, MemoryOrder declared, MemoryOrder weakened) =>
        kind is OpKind.Store or OpKind.Fence && (declared == MemoryOrder.SeqCst) != (weakened == MemoryOrder.SeqCst);

    enum Kind { Load, Store, Both }

    static Kind Shape(OpKind kind) => kind switch
    {
        OpKind.Load => Kind.Load,
        OpKind.Store => Kind.Store,
        _ => Kind.Both,
    };
}
