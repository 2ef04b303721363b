namespace ModelCheck.Engine;

/// <summary>
/// Where in a model's source an atomic access or fence is written: the file (relative to the repository,
/// see <see cref="SourcePath"/>), the line, the member the access is written in (the model's name for it:
/// <c>TabAt</c>, <c>CasTabAt</c>), the operation and the order the model declares. Accesses of one kind and
/// one declared order on one line are one site. A litmus test names its instructions instead of a line
/// (<see cref="Line"/> 0, <see cref="File"/> the test, <see cref="Member"/> the thread and instruction).
/// </summary>
public sealed record AccessSite(string File, int Line, string Member, OpKind Kind, MemoryOrder Declared) : IComparable<AccessSite>
{
    /// <summary>"src/Maps/ConcurrentHashMap/ConcurrentHashMap.cs:91", or the litmus test's name.</summary>
    public string Location => Line > 0 ? $"{File}:{Line}" : File;

    /// <summary>The operation as the table and trace headers name it: load, store, cas, swap, fetch_add, fence.</summary>
    public string Operation => Kind switch
    {
        OpKind.CompareExchange => "cas",
        OpKind.Exchange => "swap",
        _ => Kind.ToName(),
    };

    /// <summary>True when the access at (<paramref name="file"/> as compiled, <paramref name="line"/>, ...) is this site.</summary>
    public bool Is(string file, int line, string member, OpKind kind, MemoryOrder declared) =>
        line == Line && kind == Kind && declared == Declared && member == Member && SourcePath.Relative(file) == File;

    public int CompareTo(AccessSite? other)
    {
        if (other is null) return 1;
        int c = string.CompareOrdinal(File, other.File);
        if (c == 0) c = Line.CompareTo(other.Line);
        if (c == 0) c = string.CompareOrdinal(Member, other.Member);
        if (c == 0) c = Kind.CompareTo(other.Kind);
        if (c == 0) c = Declared.CompareTo(other.Declared);
        return c;
    }
}

/// <summary>
/// Source paths as the compiler records them ([CallerFilePath] is absolute, and differs from machine to
/// machine) made relative to the repository: the part from the last "src/" or "tests/" directory on, so
/// that output naming a site is the same bytes on every machine.
/// </summary>
public static class SourcePath
{
    public static string Relative(string compiled)
    {
        var path = compiled.Replace('\\', '/');
        int cut = Math.Max(path.LastIndexOf("/src/", StringComparison.Ordinal), path.LastIndexOf("/tests/", StringComparison.Ordinal));
        return cut >= 0 ? path[(cut + 1)..] : path;
    }
}
