using FsCheck;
using FsCheck.Fluent;
using Microsoft.FSharp.Core;
using ModelCheck.Models.Linearizability;

namespace ModelCheck.Tests.Unit.Linearizability;

/// <summary>
/// The property that anchors the checker: a history produced by a sequential execution is linearizable,
/// however its operations' intervals are stretched around their (ordered) linearization points, with some
/// operations left pending (having taken effect or not). Results come from reference implementations
/// written here (a field, a Dictionary), not from the specifications under test. Conversely, a read whose
/// result is replaced by a value never written makes the history non-linearizable.
/// </summary>
public sealed class SequentialExecutionProperty
{
    const int WordsPerOperation = 6;
    const long NeverWritten = 1_000_000;

    static Config Fixed(int tests) => Config.QuickThrowOnFailure.WithMaxTest(tests).WithEndSize(240)
        .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(1UL, 1UL), FSharpOption<int>.None)));

    static readonly Arbitrary<int[]> Scripts = Arb.From(Gen.Choose(0, 999).ArrayOf().Select(w => w.Take(w.Length / WordsPerOperation * WordsPerOperation).ToArray()));

    [Fact]
    public void Register_histories_of_sequential_executions_are_linearizable() =>
        Check.One(Fixed(300), Prop.ForAll(Scripts, script => Holds(RegisterSpecification.Instance, RegisterHistory(script), "read")));

    [Fact]
    public void Map_histories_of_sequential_executions_are_linearizable() =>
        Check.One(Fixed(300), Prop.ForAll(Scripts, script => Holds(MapSpecification.Instance, MapHistory(script), "Load")));

    static bool Holds(ISpecification spec, IReadOnlyList<Operation> history, string read)
    {
        if (!spec.Check(history).IsLinearizable) return false;
        int i = history.ToList().FindIndex(op => op.Name == read && !op.IsPending);
        if (i < 0) return true;
        var corrupted = history.ToList();
        corrupted[i] = corrupted[i] with { Result = NeverWritten };
        // The quick search without memo table must never call a non-linearizable history linearizable.
        return !spec.Check(corrupted).IsLinearizable && !spec.LinearizesQuickly(corrupted);
    }

    /// <summary>Operation i takes effect at time 10i+5; its interval reaches up to 25 either side.</summary>
    static IReadOnlyList<Operation> Build(int[] script, Func<int[], int, (string Name, Value[] Args, Value Result)?> execute,
        Func<int[], int, (string Name, Value[] Args)> idle)
    {
        var ops = new List<Operation>();
        for (int i = 0; i < script.Length / WordsPerOperation; i++)
        {
            int at = i * WordsPerOperation;
            long point = 10L * i + 5, call = point - script[at + 3] % 26, ret = point + script[at + 4] % 26;
            int fate = script[at + 5] % 8; // 0: pending, took effect; 1: pending, never took effect; else completed
            if (fate == 1)
            {
                var (name, args) = idle(script, at);
                ops.Add(new Operation(ops.Count, i % 4, name, args, Value.Null, call, null));
                continue;
            }
            var done = execute(script, at)!.Value;
            ops.Add(new Operation(ops.Count, i % 4, done.Name, done.Args, fate == 0 ? Value.Null : done.Result, call, fate == 0 ? null : ret));
        }
        return ops;
    }

    static IReadOnlyList<Operation> RegisterHistory(int[] script)
    {
        long? register = null;
        return Build(script, (s, at) =>
        {
            long a = s[at + 1] % 3, b = s[at + 2] % 3;
            Value current = register is { } r ? r : Value.Null;
            switch (s[at] % 3)
            {
                case 0: return ("read", [], current);
                case 1: register = a; return ("write", [a], Value.Null);
                default:
                    bool swapped = register == a;
                    if (swapped) register = b;
                    return ("cas", [a, b], swapped);
            }
        }, (s, at) => ("write", [s[at + 1] % 3]));
    }

    static IReadOnlyList<Operation> MapHistory(int[] script)
    {
        var map = new Dictionary<int, long>();
        return Build(script, (s, at) =>
        {
            int keyNumber = s[at + 1] % 3;
            Value key = $"k{keyNumber}";
            long v = s[at + 2] % 3, w = (s[at + 2] / 3) % 3;
            Value current = map.TryGetValue(keyNumber, out var c) ? c : Value.Null;
            switch (s[at] % 8)
            {
                case 0: return ("Load", [key], current);
                case 1: map[keyNumber] = v; return ("Store", [key, v], Value.Null);
                case 2:
                    if (current.IsNull) { map[keyNumber] = v; return ("LoadOrStore", [key, v], Value.List(v, false)); }
                    return ("LoadOrStore", [key, v], Value.List(current, true));
                case 3: map.Remove(keyNumber); return ("LoadAndDelete", [key], current);
                case 4: map.Remove(keyNumber); return ("Delete", [key], Value.Null);
                case 5: map[keyNumber] = v; return ("Swap", [key, v], current);
                case 6:
                    bool swapped = current == v;
                    if (swapped) map[keyNumber] = w;
                    return ("CompareAndSwap", [key, v, w], swapped);
                default:
                    bool deleted = current == v;
                    if (deleted) map.Remove(keyNumber);
                    return ("CompareAndDelete", [key, v], deleted);
            }
        }, (s, at) => ("Store", [$"k{s[at + 1] % 3}", s[at + 2] % 3]));
    }
}
