using System.Text;
using ModelCheck.Engine;

namespace ModelCheck.Tests.Unit.Dpor;

/// <summary>
/// The Mazurkiewicz trace of an execution, as a canonical string: two executions that differ only in the
/// order of independent accesses get the same string. Each access is named by its task and its place in
/// that task's program order; for each object the string lists its writes in order and, between two
/// writes, the set of reads that saw the earlier one (reads commute with each other). Locks, unlocks and
/// WaitGroup Adds order like writes, a Wait or a read lock like a read. Together with program order this is the
/// dependency graph of the execution, so equal strings are equal traces. Written independently of the
/// engine's <c>StepGraph</c>, which it checks.
/// </summary>
static class MazurkiewiczTrace
{
    public static string Of(ReadOnlySpan<Access> accesses)
    {
        var ordinal = new Dictionary<int, int>();
        var perObject = new SortedDictionary<int, List<(string Writer, SortedSet<string> Reads)>>();
        foreach (var a in accesses)
        {
            int n = ordinal.GetValueOrDefault(a.Task) + 1;
            ordinal[a.Task] = n;
            if (a.Object < 0) continue;
            if (!perObject.TryGetValue(a.Object, out var segments))
                perObject[a.Object] = segments = [("initial", new SortedSet<string>(StringComparer.Ordinal))];
            string name = $"{a.Task}.{n}";
            if (a.Op is OpKind.Load or OpKind.WaitGroupWait or OpKind.RLock) segments[^1].Reads.Add(name);
            else segments.Add((name, new SortedSet<string>(StringComparer.Ordinal)));
        }
        var text = new StringBuilder();
        foreach (var (obj, segments) in perObject)
        {
            text.Append(obj).Append(':');
            foreach (var (writer, reads) in segments) text.Append(writer).Append('{').AppendJoin(',', reads).Append('}');
            text.Append(';');
        }
        return text.ToString();
    }
}
