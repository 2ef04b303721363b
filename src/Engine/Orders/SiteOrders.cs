namespace ModelCheck.Engine;

/// <summary>
/// Consulted by every atomic access and fence when installed (<see cref="ExecutionSettings.Orders"/>), and
/// only then: the accessors pass their call site ([CallerFilePath], [CallerLineNumber], [CallerMemberName])
/// and the declared order, and use the order returned. Without one, an access costs one null check more.
/// `modelcheck orders` installs a <see cref="SiteCensus"/> to learn which sites a scenario reaches and a
/// <see cref="SiteWeakening"/> to run it with one site weakened.
/// </summary>
public abstract class SiteOrders
{
    /// <param name="target">The cell accessed, or null for a fence.</param>
    public abstract MemoryOrder Resolve(ControlledObject? target, OpKind kind, MemoryOrder declared, string file, int line, string member);
}

/// <summary>
/// One site run with a weaker order than it declares (a fence "removed" is a relaxed fence: a no-op that
/// stays a scheduling point, so the schedules stay those of the declared program). Recorded in traces, so
/// a trace found under it replays under it.
/// </summary>
public sealed class SiteWeakening(AccessSite site, MemoryOrder order) : SiteOrders
{
    public AccessSite Site { get; } = site;
    public MemoryOrder Order { get; } = order;

    public override MemoryOrder Resolve(ControlledObject? target, OpKind kind, MemoryOrder declared, string file, int line, string member) =>
        Site.Is(file, line, member, kind, declared) ? Order : declared;

    /// <summary>"acquire -> relaxed at src/...:91 (TabAt load)", for trace headers.</summary>
    public override string ToString() =>
        $"{Site.Location} ({Site.Member} {Site.Operation}) {Site.Declared.ToName()} -> {OrderLadder.Name(Site.Kind, Order)}";
}

/// <summary>
/// Records every atomic site the executions reach, with the names of the cells accessed there (array
/// elements as "name[i]"). Thread-safe: an exploration's workers share it.
/// </summary>
public sealed class SiteCensus : SiteOrders
{
    readonly Dictionary<(string File, int Line, string Member, OpKind Kind, MemoryOrder Declared), SortedSet<string>> seen = [];
    readonly System.Threading.Lock gate = new();

    public override MemoryOrder Resolve(ControlledObject? target, OpKind kind, MemoryOrder declared, string file, int line, string member)
    {
        if (declared == MemoryOrder.Plain) return declared;
        var name = target?.SiteName;
        lock (gate)
        {
            var key = (file, line, member, kind, declared);
            if (!seen.TryGetValue(key, out var names)) seen[key] = names = new SortedSet<string>(StringComparer.Ordinal);
            if (name is not null) names.Add(name);
        }
        return declared;
    }

    /// <summary>The sites reached, in source order, each with the cell names accessed there.</summary>
    public IReadOnlyList<(AccessSite Site, IReadOnlyList<string> Cells)> Sites()
    {
        lock (gate)
            return seen.Select(e => (new AccessSite(SourcePath.Relative(e.Key.File), e.Key.Line, e.Key.Member, e.Key.Kind, e.Key.Declared),
                    (IReadOnlyList<string>)e.Value.ToList()))
                .OrderBy(s => s.Item1)
                .ToList();
    }
}
