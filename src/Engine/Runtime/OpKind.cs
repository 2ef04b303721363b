namespace ModelCheck.Engine;

/// <summary>What one operation on a controlled object did. Race detection, reduction and rendering read it.</summary>
public enum OpKind : byte
{
    Start,
    Load,
    Store,
    CompareExchange,
    Exchange,
    FetchAdd,
    Fence,
    Lock,
    Unlock,
    RLock,
    RUnlock,
    WaitGroupAdd,
    WaitGroupWait,
    Join,
    Yield,
}

public static class OpKindFacts
{
    /// <summary>True when the operation may read the object's state (a load or a read-modify-write).</summary>
    public static bool Reads(this OpKind op) => op is OpKind.Load or OpKind.CompareExchange or OpKind.Exchange or OpKind.FetchAdd;

    /// <summary>True when the operation may write the object's state.</summary>
    public static bool Writes(this OpKind op) => op is OpKind.Store or OpKind.CompareExchange or OpKind.Exchange or OpKind.FetchAdd;

    /// <summary>The operation's name in messages and traces: "load", "store", "compare-and-swap", ...</summary>
    public static string ToName(this OpKind op) => op switch
    {
        OpKind.CompareExchange => "compare-and-swap",
        OpKind.FetchAdd => "fetch_add",
        OpKind.WaitGroupAdd => "add",
        OpKind.WaitGroupWait => "wait",
        _ => op.ToString().ToLowerInvariant(),
    };
}
