namespace ModelCheck.Models.Linearizability;

/// <summary>
/// The histories this thread's quick searches have proved linearizable, for one specification. A model
/// scenario explored at random records the same history again and again: the same operations with the
/// same results, their calls and returns in the same order, only at other steps. Whether a history is
/// well formed and what the quick search does with it depend on nothing else (it compares times, never
/// subtracts them), so a history whose <see cref="HistoryShape"/> was proved before is linearizable
/// without a search. Only proofs are kept: a history the quick search cannot place goes to the full check
/// every time, which gives the witness. The set is bounded and per thread (workers explore on their own
/// threads, and the specifications are shared singletons); what it holds never changes a verdict, only
/// how soon a pass is known.
/// </summary>
internal sealed class ProvenHistories
{
    // A few hundred bytes a shape: at most a few megabytes per exploring thread.
    const int Capacity = 1 << 14;

    [ThreadStatic] static ProvenHistories? current;

    readonly ISpecification specification;
    // By hash; a hash shared by different shapes keeps them all.
    readonly Dictionary<ulong, List<Proven>> proven = [];

    internal ProvenHistories(ISpecification specification) => this.specification = specification;

    /// <summary>This thread's set for <paramref name="specification"/> (a new one when the thread last checked another).</summary>
    public static ProvenHistories For(ISpecification specification)
    {
        var set = current;
        if (set is null || !ReferenceEquals(set.specification, specification)) current = set = new ProvenHistories(specification);
        return set;
    }

    /// <summary>Shapes kept so far, for tests.</summary>
    public int Count { get; private set; }

    /// <summary>
    /// <see cref="ISpecification.LinearizesQuickly"/> of the complete <paramref name="history"/>, whose calls and
    /// returns <paramref name="shape"/> recorded, answered from the shapes proved before where it can be.
    /// </summary>
    public bool LinearizesQuickly(IReadOnlyList<Operation> history, HistoryShape shape)
    {
        if (proven.TryGetValue(shape.Hash, out var candidates))
            foreach (var candidate in candidates)
                if (candidate.Matches(history, shape)) return true;
        if (!specification.LinearizesQuickly(history)) return false;
        if (Count == Capacity) return true;
        if (candidates is null) proven.Add(shape.Hash, candidates = new List<Proven>(1));
        candidates.Add(new Proven(shape.Events.ToArray(), [.. history.Select(op => new Entry(op.Name, op.Args, op.Result, op.Client))]));
        Count++;
        return true;
    }

    /// <summary>What an operation was, apart from its times.</summary>
    readonly record struct Entry(string Name, IReadOnlyList<Value> Args, Value Result, int Client);

    /// <summary>A history proved linearizable: the order of its calls and returns, and its operations.</summary>
    sealed class Proven(int[] events, Entry[] operations)
    {
        public bool Matches(IReadOnlyList<Operation> history, HistoryShape shape)
        {
            if (history.Count != operations.Length || !shape.Events.SequenceEqual(events)) return false;
            for (int i = 0; i < operations.Length; i++)
            {
                var (op, known) = (history[i], operations[i]);
                if (op.Client != known.Client || op.Result != known.Result || !string.Equals(op.Name, known.Name, StringComparison.Ordinal)
                    || !SameArgs(op.Args, known.Args)) return false;
            }
            return true;
        }

        static bool SameArgs(IReadOnlyList<Value> a, IReadOnlyList<Value> b)
        {
            if (ReferenceEquals(a, b)) return true;
            if (a.Count != b.Count) return false;
            for (int i = 0; i < a.Count; i++)
                if (a[i] != b[i]) return false;
            return true;
        }
    }
}
