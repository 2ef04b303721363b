namespace ModelCheck.Engine;

/// <summary>The order every access to controlled memory names, as in C11 and Go's sync/atomic.</summary>
public enum MemoryOrder : byte
{
    /// <summary>A non-atomic access: racing with a conflicting access is a data race.</summary>
    Plain,
    Relaxed,
    Acquire,
    Release,
    AcqRel,
    SeqCst,
}

public static class MemoryOrderNames
{
    public static string ToName(this MemoryOrder order) => order switch
    {
        MemoryOrder.Plain => "plain",
        MemoryOrder.Relaxed => "relaxed",
        MemoryOrder.Acquire => "acquire",
        MemoryOrder.Release => "release",
        MemoryOrder.AcqRel => "acq_rel",
        MemoryOrder.SeqCst => "seq_cst",
        _ => throw new ArgumentOutOfRangeException(nameof(order)),
    };

    public static bool IsAtomic(this MemoryOrder order) => order != MemoryOrder.Plain;

    /// <summary>True for orders with acquire semantics: acquire, acq_rel and seq_cst.</summary>
    public static bool Acquires(this MemoryOrder order) => order is MemoryOrder.Acquire or MemoryOrder.AcqRel or MemoryOrder.SeqCst;

    /// <summary>True for orders with release semantics: release, acq_rel and seq_cst.</summary>
    public static bool Releases(this MemoryOrder order) => order is MemoryOrder.Release or MemoryOrder.AcqRel or MemoryOrder.SeqCst;
}
